package village.partnership.needs;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Size;
import village.support.validation.PlainText;
import java.time.LocalDate;

/** Request bodies of {@code /api/needs}. */
final class Requests {
  private Requests() {}

  record PostNeed(@PlainText String villageCode, String category, @PlainText String title, String description,
      @JsonInclude(JsonInclude.Include.NON_NULL) @PlainText @Size(max = 100) String ref) {
    PostNeed(String villageCode, String category, String title, String description) {
      this(villageCode, category, title, description, null);
    }
  }

  record ResolveNeed(@PlainText String partnershipId, LocalDate resolvedOn, String note) {}

  /** {@code suggestionScore}: the score the caller was shown (kept beside the one computed when the claim is made). */
  record ClaimNeed(@PlainText String organizationId, Integer suggestionScore, String note) {}

  record ReleaseNeed(String reason) {}
}
