package village.messaging;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/**
 * Consumer-side de-duplication and ordering: remembers, per source aggregate, the last applied {@code sequence}
 * and lets an event through only if it is newer. A redelivered or stale event is refused, so a replay or a
 * republished outbox entry is applied once. Each check-and-advance is one atomic conditional write.
 */
public final class SequenceGuard {
  private final MongoCollection<Document> applied;

  public SequenceGuard(MongoCollection<Document> applied) {
    this.applied = applied;
  }

  /** Records {@code sequence} as applied for {@code aggregateKey} if it is newer; true if it was. */
  public boolean advance(String aggregateKey, long sequence) {
    var result = applied.updateOne(and(eq("_id", aggregateKey), lt("seq", sequence)), Updates.set("seq", sequence));
    if (result.getModifiedCount() == 1) return true;
    try {
      applied.insertOne(new Document("_id", aggregateKey).append("seq", sequence));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) return false; // exists with seq >= sequence
      throw e;
    }
  }

  /** The last applied sequence, 0 if none. */
  public long lastApplied(String aggregateKey) {
    Document d = applied.find(eq("_id", aggregateKey)).first();
    return d == null ? 0 : ((Number) d.get("seq")).longValue();
  }
}
