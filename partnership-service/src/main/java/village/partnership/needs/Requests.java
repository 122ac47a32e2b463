package village.partnership.needs;

import village.support.validation.PlainText;
import java.time.LocalDate;

/** Request bodies of {@code /api/needs}. */
final class Requests {
  private Requests() {}

  record PostNeed(@PlainText String villageCode, String category, @PlainText String title, String description) {}

  record ResolveNeed(@PlainText String partnershipId, LocalDate resolvedOn, String note) {}

  /** {@code suggestionScore}: the score the caller was shown (kept beside the one computed when the claim is made). */
  record ClaimNeed(@PlainText String organizationId, Integer suggestionScore, String note) {}

  record ReleaseNeed(String reason) {}
}
