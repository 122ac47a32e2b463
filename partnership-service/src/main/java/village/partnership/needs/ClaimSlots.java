package village.partnership.needs;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * {@code claimSlots}: the limit of open claims per organization under concurrency. An organization's k-th open claim
 * holds the document {@code _id = organizationId|k} (k below the limit), whose unique {@code _id} makes "at most
 * limit open claims" hold when claims race. A slot is taken before the need is claimed and freed after it is
 * released or resolved; a slot a crash left behind (its need is no longer CLAIMED by that organization) is recognised
 * and taken over, as {@code activePairs} does for pairings.
 */
@Component
class ClaimSlots {
  /** The highest limit a township may set (matching weights' {@code claimLimit}). */
  static final int MAX_LIMIT = 20;
  private final MongoCollection<Document> slots;
  private final MongoCollection<Document> needs;

  ClaimSlots(MongoDatabase db) {
    this.slots = db.getCollection("claimSlots");
    this.needs = db.getCollection(Needs.COLLECTION);
  }

  /** Takes a free slot of the organization for {@code needId}; false when it holds {@code limit} open claims already. */
  boolean take(String organizationId, String needId, int limit) {
    for (int k = 0; k < limit; k++) {
      String key = organizationId + "|" + k;
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          slots.insertOne(new Document("_id", key).append("needId", needId));
          return true;
        } catch (MongoWriteException e) {
          if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) throw e;
        }
        Document holder = slots.find(eq("_id", key)).first();
        if (holder == null) continue;
        String held = holder.getString("needId");
        if (held.equals(needId)) return true;
        if (holds(organizationId, held)) break; // a live claim: try the next slot
        slots.deleteOne(and(eq("_id", key), eq("needId", held))); // left behind: take it over
      }
    }
    return false;
  }

  /** Frees the organization's slot held for {@code needId} (nothing when none). */
  void free(String organizationId, String needId) {
    for (int k = 0; k < MAX_LIMIT; k++) {
      if (slots.deleteOne(and(eq("_id", organizationId + "|" + k), eq("needId", needId))).getDeletedCount() == 1) return;
    }
  }

  private boolean holds(String organizationId, String needId) {
    Document n = needs.find(eq("_id", needId)).projection(new Document("status", 1).append("claim", 1)).first();
    if (n == null || !Need.CLAIMED.equals(n.getString("status"))) return false;
    Document c = n.get("claim", Document.class);
    return c != null && organizationId.equals(c.getString("organizationId"));
  }
}
