package village.partnership.partnerships;

import java.time.LocalDate;
import java.util.List;

/** Request bodies of {@code /api/partnerships}. */
final class Requests {
  private Requests() {}

  record RegisterPartnership(String organizationId, String villageCode, LocalDate startDate, List<String> focus, String note) {}

  record EndPartnership(LocalDate endDate, String reason) {}
}
