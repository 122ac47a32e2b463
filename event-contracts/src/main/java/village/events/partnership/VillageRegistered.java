package village.events.partnership;

/** A village or community entered the register. Aggregate id: the village code. */
public record VillageRegistered(String code, String name, String kind, String township, String county)
    implements PartnershipEvent {
  @Override public String aggregateId() { return code; }
}
