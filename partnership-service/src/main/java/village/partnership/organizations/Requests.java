package village.partnership.organizations;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import village.events.vocabulary.Category;
import village.support.validation.OneOf;
import village.support.validation.PlainText;
import village.events.vocabulary.OrganizationType;

/** Request bodies of {@code /api/organizations}. */
final class Requests {
  private Requests() {}

  record RegisterOrganization(
      @NotBlank @PlainText @Size(max = 200, message = "{village.validation.text.max}") String name,
      @NotNull @OneOf(OrganizationType.class) String type,
      @NotNull @UnifiedCreditCode String creditCode,
      @Valid Organization.Contact contact) {}

  record OfferResource(
      @NotNull @OneOf(Category.class) String category,
      @NotBlank @PlainText @Size(max = 200, message = "{village.validation.text.max}") String title,
      @Size(max = 2000, message = "{village.validation.text.max}") String description) {}
}
