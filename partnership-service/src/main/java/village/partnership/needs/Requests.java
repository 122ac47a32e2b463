package village.partnership.needs;

import java.time.LocalDate;

/** Request bodies of {@code /api/needs}. */
final class Requests {
  private Requests() {}

  record PostNeed(String villageCode, String category, String title, String description) {}

  record ResolveNeed(String partnershipId, LocalDate resolvedOn, String note) {}
}
