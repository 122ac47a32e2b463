package village.partnership.organizations;

import jakarta.validation.Valid;
import village.support.validation.PlainText;
/** Request bodies of {@code /api/organizations}. */
final class Requests {
  private Requests() {}

  record RegisterOrganization(@PlainText String name, String type, String creditCode, @Valid Organization.Contact contact) {}

  record OfferResource(String category, @PlainText String title, String description) {}
}
