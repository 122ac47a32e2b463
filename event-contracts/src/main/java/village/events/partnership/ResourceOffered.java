package village.events.partnership;

/** An organization offered a resource (资源清单). Aggregate id: the organization id. */
public record ResourceOffered(String organizationId, String resourceId, String category, String title)
    implements PartnershipEvent {
  @Override public String aggregateId() { return organizationId; }
}
