package village.support.aggregate;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import village.support.web.HistoryEntry;

/** The {@code history} array of a stored aggregate: each {@link HistoryEntry} to and from its BSON form. */
public final class HistoryDocuments {
  public static final String FIELD = "history";

  private HistoryDocuments() {}

  public static Document toDocument(HistoryEntry h) {
    return new Document("version", h.version()).append("at", Date.from(h.at())).append("actor", h.actor())
        .append("action", h.action()).append("details", new Document(new LinkedHashMap<>(h.details())));
  }

  public static HistoryEntry fromDocument(Document h) {
    Map<String, Object> details = new LinkedHashMap<>();
    Document d = h.get("details", Document.class);
    if (d != null) details.putAll(d);
    return new HistoryEntry(((Number) h.get("version")).intValue(), h.getDate("at").toInstant(), h.getString("actor"),
        h.getString("action"), details);
  }

  /** The kept changes of a stored aggregate, oldest first. */
  public static List<HistoryEntry> of(Document aggregate) {
    return aggregate.getList(FIELD, Document.class, List.of()).stream().map(HistoryDocuments::fromDocument).toList();
  }
}
