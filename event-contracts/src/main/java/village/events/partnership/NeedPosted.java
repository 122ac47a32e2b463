package village.events.partnership;

/** A village need (需求清单) was posted; status OPEN. */
public record NeedPosted(String needId, String villageCode, String township, String category, String title)
    implements PartnershipEvent {
  @Override public String aggregateId() { return needId; }
}
