package village.reporting.consumer;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Events that could not be applied (not JSON, unknown type or schemaVersion, missing fields, a sequence gap that did
 * not close in time), set aside with the reason.
 */
@Component
public class DeadLetters {
  static final int MAX_VALUE = 10_000;
  private final MongoCollection<Document> collection;
  private final Clock clock;
  private static final String GAP = "sequence-gap";
  private final java.util.concurrent.atomic.AtomicLong gaps = new java.util.concurrent.atomic.AtomicLong();

  DeadLetters(MongoDatabase db, Clock clock) {
    this.collection = db.getCollection("deadLetters");
    this.clock = clock;
    this.gaps.set(collection.countDocuments(eq("kind", GAP)));
  }

  /** One set aside: where it came from, its value and why. {@code gap}: an event whose sequence gap did not close. */
  record Letter(String topic, int partition, long offset, String key, String value, String reason, boolean gap) {
    static Letter of(ConsumerRecord<String, String> r, String reason) {
      return new Letter(r.topic(), r.partition(), r.offset(), r.key(), r.value(), reason, false);
    }
  }

  void add(ConsumerRecord<String, String> r, String reason) {
    add(Letter.of(r, reason));
  }

  void add(Letter l) {
    String value = l.value() == null ? null : l.value().length() > MAX_VALUE ? l.value().substring(0, MAX_VALUE) : l.value();
    String id = l.topic() + ":" + l.partition() + ":" + l.offset();
    Document d = new Document("_id", id).append("topic", l.topic()).append("partition", l.partition())
        .append("offset", l.offset()).append("key", l.key()).append("value", value).append("reason", l.reason())
        .append("at", Date.from(clock.instant()));
    if (l.gap()) d.append("kind", GAP);
    var result = collection.replaceOne(eq("_id", id), d, new ReplaceOptions().upsert(true));
    if (l.gap() && result.getUpsertedId() != null) gaps.incrementAndGet();
  }

  /** Events set aside because their sequence gap did not close in time (a replay of the same record counts once). */
  public long gapCount() {
    return gaps.get();
  }

  /** One set-aside record as {@code /api/stats/dead-letters} lists it: where it was, its key, why, its value, when. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Listed(String topic, Integer partition, Long offset, String key, String reason, String value, Instant at) {}

  /** The newest {@code limit} dead letters first. */
  public List<Listed> list(int limit) {
    List<Listed> out = new ArrayList<>();
    for (Document d : collection.find().sort(Sorts.descending("at")).limit(limit)) {
      out.add(new Listed(d.getString("topic"), d.getInteger("partition"),
          d.get("offset") instanceof Number n ? n.longValue() : null, d.getString("key"), d.getString("reason"),
          d.getString("value"), d.getDate("at").toInstant()));
    }
    return out;
  }

  public long count() {
    return collection.countDocuments();
  }
}
