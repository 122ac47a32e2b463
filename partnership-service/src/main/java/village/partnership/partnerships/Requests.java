package village.partnership.partnerships;

import village.support.validation.PlainText;
import java.time.LocalDate;
import java.util.List;

/** Request bodies of {@code /api/partnerships}. */
final class Requests {
  private Requests() {}

  record RegisterPartnership(@PlainText String organizationId, @PlainText String villageCode, LocalDate startDate, List<String> focus,
      String note) {}

  record EndPartnership(LocalDate endDate, String reason) {}
}
