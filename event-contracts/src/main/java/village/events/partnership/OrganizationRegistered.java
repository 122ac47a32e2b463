package village.events.partnership;

/** An organization was registered. {@code organizationType}: TOWNSHIP_AGENCY, PUBLIC_INSTITUTION, ENTERPRISE, SOCIAL_ORGANIZATION. */
public record OrganizationRegistered(String organizationId, String name, String organizationType, String creditCode)
    implements PartnershipEvent {
  @Override public String aggregateId() { return organizationId; }
}
