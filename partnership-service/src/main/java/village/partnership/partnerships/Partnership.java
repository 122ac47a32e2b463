package village.partnership.partnerships;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bson.Document;

/** A pairing (手拉手结对共建) of an organization with a village, as stored and shown. */
public record Partnership(String id, String organizationId, String organizationType, String villageCode, String township,
    String status, LocalDate startDate, LocalDate endDate, String endReason, List<String> focus, String note, long version,
    Instant createdAt) {

  public static final String ACTIVE = "ACTIVE";
  public static final String ENDED = "ENDED";

  boolean isActive() {
    return ACTIVE.equals(status);
  }

  static Partnership of(Document d) {
    return new Partnership(d.getString("_id"), d.getString("organizationId"), d.getString("organizationType"),
        d.getString("villageCode"), d.getString("township"), d.getString("status"), date(d.getString("startDate")),
        date(d.getString("endDate")), d.getString("endReason"), d.getList("focus", String.class, List.of()),
        d.getString("note"), ((Number) d.get("version")).longValue(), d.getDate("createdAt").toInstant());
  }

  private static LocalDate date(String s) {
    return s == null ? null : LocalDate.parse(s);
  }
}
