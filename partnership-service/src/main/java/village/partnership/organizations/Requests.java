package village.partnership.organizations;

/** Request bodies of {@code /api/organizations}. */
final class Requests {
  private Requests() {}

  record RegisterOrganization(String name, String type, String creditCode, Organization.Contact contact) {}

  record OfferResource(String category, String title, String description) {}
}
