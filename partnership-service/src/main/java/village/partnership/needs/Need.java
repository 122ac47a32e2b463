package village.partnership.needs;

import java.time.Instant;
import java.time.LocalDate;
import org.bson.Document;

/** A village need (需求清单): OPEN until resolved through a partnership with the same village. */
public record Need(String id, String villageCode, String township, String category, String title, String description,
    String status, String partnershipId, LocalDate resolvedOn, String resolutionNote, long version, Instant createdAt) {
  static final String OPEN = "OPEN";
  static final String RESOLVED = "RESOLVED";

  static Need of(Document d) {
    String resolvedOn = d.getString("resolvedOn");
    return new Need(d.getString("_id"), d.getString("villageCode"), d.getString("township"), d.getString("category"),
        d.getString("title"), d.getString("description"), d.getString("status"), d.getString("partnershipId"),
        resolvedOn == null ? null : LocalDate.parse(resolvedOn), d.getString("resolutionNote"),
        ((Number) d.get("version")).longValue(), d.getDate("createdAt").toInstant());
  }
}
