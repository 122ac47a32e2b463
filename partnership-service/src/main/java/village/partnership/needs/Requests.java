package village.partnership.needs;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import village.events.vocabulary.Category;
import village.support.validation.Code;
import village.support.validation.OneOf;
import village.support.validation.PlainText;
import java.time.LocalDate;

/** Request bodies of {@code /api/needs}. */
final class Requests {
  private Requests() {}

  record PostNeed(
      @NotNull @Code String villageCode,
      @NotNull @OneOf(Category.class) String category,
      @NotBlank @PlainText @Size(max = 200, message = "{village.validation.text.max}") String title,
      @Size(max = 2000, message = "{village.validation.text.max}") String description,
      @JsonInclude(JsonInclude.Include.NON_NULL) @PlainText @Size(max = 100, message = "{village.validation.text.max}") String ref) {
    PostNeed(String villageCode, String category, String title, String description) {
      this(villageCode, category, title, description, null);
    }
  }

  record ResolveNeed(
      @NotNull @Code String partnershipId,
      @NotNull(message = "{village.validation.required.date}") LocalDate resolvedOn,
      @Size(max = 2000, message = "{village.validation.text.max}") String note) {}

  /** {@code suggestionScore}: the score the caller was shown (kept beside the one computed when the claim is made). */
  record ClaimNeed(
      @NotNull @Code String organizationId,
      Integer suggestionScore,
      @Size(max = 2000, message = "{village.validation.text.max}") String note) {}

  record ReleaseNeed(@Size(max = 2000, message = "{village.validation.text.max}") String reason) {}
}
