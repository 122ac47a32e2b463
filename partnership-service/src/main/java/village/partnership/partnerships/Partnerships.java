package village.partnership.partnerships;

import village.support.persistence.FilterIndexes;
import village.support.persistence.MongoPages;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import village.messaging.Outbox;
import village.messaging.OutboxEntry;
import village.partnership.support.History;
import village.partnership.support.RecordChanges;
import village.support.outbox.OutboxEvents;
import village.support.web.HistoryEntry;

/**
 * {@code partnerships} (one document each, ended ones kept) and {@code activePairs}: one document per ACTIVE pair,
 * {@code _id = organizationId|villageCode}, whose unique {@code _id} makes "at most one ACTIVE pairing per
 * organization and village" hold under concurrency. It is claimed before the partnership is inserted and released when
 * the partnership ends; a claim left behind by a crash is recognised (its partnership is missing or ended) and taken over.
 */
@Component
public class Partnerships {
  static final String COLLECTION = "partnerships";
  private final MongoCollection<Document> collection;
  private final MongoCollection<Document> activePairs;
  private final OutboxEvents events;
  private final RecordChanges changes;

  Partnerships(MongoDatabase db, OutboxEvents events, RecordChanges changes) {
    this.collection = db.getCollection(COLLECTION);
    FilterIndexes.ensure(collection, true, "villageCode", "organizationId", "status");
    this.activePairs = db.getCollection("activePairs");
    this.events = events;
    this.changes = changes;
    events.watch(COLLECTION);
  }

  static String pair(String organizationId, String villageCode) {
    return organizationId + "|" + villageCode;
  }

  /** Claims the pair for {@code partnershipId}; false if another live partnership holds it. */
  boolean claim(String organizationId, String villageCode, String partnershipId) {
    String key = pair(organizationId, villageCode);
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        activePairs.insertOne(new Document("_id", key).append("partnershipId", partnershipId));
        return true;
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) throw e;
      }
      Document holder = activePairs.find(eq("_id", key)).first();
      if (holder == null) continue;
      String holderId = holder.getString("partnershipId");
      if (holderId.equals(partnershipId)) return true;
      Optional<Partnership> p = find(holderId);
      if (p.isPresent() && p.get().isActive()) return false;
      activePairs.deleteOne(and(eq("_id", key), eq("partnershipId", holderId))); // stale claim: take it over
    }
    return false;
  }

  void release(String organizationId, String villageCode, String partnershipId) {
    activePairs.deleteOne(and(eq("_id", pair(organizationId, villageCode)), eq("partnershipId", partnershipId)));
  }

  /** Inserts with its first event; false if the id exists (an idempotent retry). */
  boolean insert(Document partnership, OutboxEntry event) {
    try {
      collection.insertOne(partnership.append(Outbox.FIELD, Outbox.initial(event)));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) return false;
      throw e;
    }
    events.written(COLLECTION, partnership.get("_id"));
    changes.changed();
    return true;
  }

  Optional<Document> document(String id) {
    return Optional.ofNullable(collection.find(eq("_id", id)).projection(Projections.exclude(Outbox.FIELD)).first());
  }

  public Optional<Partnership> find(String id) {
    return document(id).map(Partnership::of);
  }

  /** Partnerships of the village, of the organization and in the status, each when set, oldest first. */
  PageResponse<Partnership> list(String villageCode, String organizationId, String status, PageQuery page) {
    Bson filter = MongoPages.equalTo("villageCode", villageCode, "organizationId", organizationId, "status", status);
    return MongoPages.page(collection, filter, Projections.exclude(Outbox.FIELD, "history", "fingerprint"),
        Sorts.ascending("createdAt", "_id"), page, Partnership::of);
  }

  /** Applies {@code change} if the partnership is still at {@code version} and {@code status}; one write with history and event. */
  boolean update(String id, long version, String status, Bson change, HistoryEntry history, OutboxEntry event) {
    long matched = collection.updateOne(and(eq("_id", id), eq("version", version), eq("status", status)),
        combine(change, inc("version", 1L), push("history", History.document(history)), Outbox.append(event)))
        .getMatchedCount();
    if (matched == 1) {
      events.written(COLLECTION, id);
      changes.changed();
    }
    return matched == 1;
  }

  static Bson ended(String endDate, String reason) {
    return combine(set("status", Partnership.ENDED), set("endDate", endDate), set("endReason", reason));
  }
}
