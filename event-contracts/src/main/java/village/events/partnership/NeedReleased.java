package village.events.partnership;

/** A claim on a need was given up (by the organization or the township); status OPEN again. */
public record NeedReleased(String needId, String villageCode, String organizationId, String reason) implements PartnershipEvent {
  @Override public String aggregateId() { return needId; }
}
