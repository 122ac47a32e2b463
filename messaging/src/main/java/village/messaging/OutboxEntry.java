package village.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;

/**
 * One pending event inside an aggregate's own document ({@code outbox: [...]}): the serialized envelope plus
 * where it goes. Written in the same document write as the state change it describes.
 */
public record OutboxEntry(String eventId, String topic, String key, long sequence, String payload, Map<String, String> headers) {

  public OutboxEntry {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public Document toDocument() {
    return new Document("eventId", eventId)
        .append("topic", topic)
        .append("key", key)
        .append("sequence", sequence)
        .append("payload", payload)
        .append("headers", new Document(new LinkedHashMap<>(headers)));
  }

  public static OutboxEntry fromDocument(Document d) {
    Map<String, String> headers = new LinkedHashMap<>();
    Document h = d.get("headers", Document.class);
    if (h != null) h.forEach((k, v) -> headers.put(k, String.valueOf(v)));
    Number seq = d.get("sequence", Number.class);
    return new OutboxEntry(d.getString("eventId"), d.getString("topic"), d.getString("key"),
        seq == null ? 0 : seq.longValue(), d.getString("payload"), headers);
  }
}
