package village.reporting.consumer;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import village.messaging.EventCodec;
import village.messaging.ReceivedEvent;

/**
 * Events held for a sequence gap, stored in the read model's database before their offsets are committed, so a
 * restart holds them again (with the time they have waited) instead of losing them. {@code _id = key#sequence}.
 */
final class HeldEvents {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HeldEvents.class);
  /** One stored held event. */
  record Stored(String key, long sequence, Instant since, ReceivedEvent event) {}

  private final MongoCollection<Document> collection;
  private final EventCodec codec;

  HeldEvents(MongoDatabase db, String collection, EventCodec codec) {
    this.collection = db.getCollection(collection);
    this.codec = codec;
  }

  static String id(String key, long sequence) {
    return key + "#" + sequence;
  }

  Document toDocument(String key, long sequence, Instant since, ReceivedEvent e) {
    return new Document("_id", id(key, sequence)).append("key", key).append("seq", sequence)
        .append("since", Date.from(since)).append("topic", e.topic()).append("partition", e.partition())
        .append("offset", e.offset()).append("value", codec.encode(e.envelope()));
  }

  /** Stores {@code add} and removes {@code remove} (ids) in one unordered bulk write. */
  void write(Collection<Document> add, Collection<String> remove) {
    if (add.isEmpty() && remove.isEmpty()) return;
    List<WriteModel<Document>> writes = new ArrayList<>(add.size() + remove.size());
    for (Document d : add) writes.add(new ReplaceOneModel<>(eq("_id", d.get("_id")), d, new ReplaceOptions().upsert(true)));
    for (String id : remove) writes.add(new DeleteOneModel<>(eq("_id", id)));
    collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
  }

  /** Every stored held event; one that no longer decodes is skipped (it was decoded when it was held). */
  List<Stored> load() {
    List<Stored> out = new ArrayList<>();
    for (Document d : collection.find()) {
      try {
        ReceivedEvent e = new ReceivedEvent(d.getString("topic"), d.getInteger("partition"),
            ((Number) d.get("offset")).longValue(), codec.decode(d.getString("value")), Map.of());
        out.add(new Stored(d.getString("key"), ((Number) d.get("seq")).longValue(), d.getDate("since").toInstant(), e));
      } catch (RuntimeException e) {
        log.warn("held event {} cannot be read back, skipped: {}", d.get("_id"), e.toString());
      }
    }
    return out;
  }

  void drop() {
    collection.drop();
  }
}
