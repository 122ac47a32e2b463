package village.reporting.consumer;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Events that could not be applied (not JSON, unknown type or schemaVersion, missing fields), set aside with the reason. */
@Component
public class DeadLetters {
  static final int MAX_VALUE = 10_000;
  private final MongoCollection<Document> collection;
  private final Clock clock;

  DeadLetters(MongoDatabase db, Clock clock) {
    this.collection = db.getCollection("deadLetters");
    this.clock = clock;
  }

  void add(ConsumerRecord<String, String> r, String reason) {
    String value = r.value() == null ? null : r.value().length() > MAX_VALUE ? r.value().substring(0, MAX_VALUE) : r.value();
    String id = r.topic() + ":" + r.partition() + ":" + r.offset();
    collection.replaceOne(eq("_id", id), new Document("_id", id).append("topic", r.topic()).append("partition", r.partition())
        .append("offset", r.offset()).append("key", r.key()).append("value", value).append("reason", reason)
        .append("at", Date.from(clock.instant())), new ReplaceOptions().upsert(true));
  }

  public List<Map<String, Object>> list(int limit) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Document d : collection.find().sort(Sorts.descending("at")).limit(limit)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("topic", d.getString("topic"));
      m.put("partition", d.getInteger("partition"));
      m.put("offset", d.get("offset"));
      m.put("key", d.getString("key"));
      m.put("reason", d.getString("reason"));
      m.put("value", d.getString("value"));
      m.put("at", d.getDate("at").toInstant().toString());
      out.add(m);
    }
    return out;
  }

  public long count() {
    return collection.countDocuments();
  }
}
