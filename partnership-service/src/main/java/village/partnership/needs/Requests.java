package village.partnership.needs;

import village.support.validation.PlainText;
import java.time.LocalDate;

/** Request bodies of {@code /api/needs}. */
final class Requests {
  private Requests() {}

  record PostNeed(@PlainText String villageCode, String category, @PlainText String title, String description) {}

  record ResolveNeed(@PlainText String partnershipId, LocalDate resolvedOn, String note) {}
}
