package village.partnership.support;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import village.support.web.HistoryEntry;

/** The {@code history} array every aggregate document keeps: who, when, what, appended in the same write as the change. */
public final class History {
  private History() {}

  public static Document document(HistoryEntry h) {
    return new Document("version", h.version()).append("at", Date.from(h.at())).append("actor", h.actor())
        .append("action", h.action()).append("details", new Document(new LinkedHashMap<>(h.details())));
  }

  public static List<HistoryEntry> of(Document aggregate) {
    return aggregate.getList("history", Document.class, List.of()).stream().map(History::entry).toList();
  }

  private static HistoryEntry entry(Document h) {
    Map<String, Object> details = new LinkedHashMap<>();
    Document d = h.get("details", Document.class);
    if (d != null) details.putAll(d);
    return new HistoryEntry(((Number) h.get("version")).intValue(), h.getDate("at").toInstant(), h.getString("actor"),
        h.getString("action"), details);
  }
}
