package village.partnership.needs;

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

/** {@code needs}: one document per need with its history and outbox. */
@Component
class Needs {
  static final String COLLECTION = "needs";
  private final MongoCollection<Document> collection;
  private final OutboxEvents events;
  private final RecordChanges changes;

  Needs(MongoDatabase db, OutboxEvents events, RecordChanges changes) {
    this.collection = db.getCollection(COLLECTION);
    FilterIndexes.ensure(collection, true, "villageCode", "status", "ref");
    this.events = events;
    this.changes = changes;
    events.watch(COLLECTION);
  }

  boolean insert(Document need, OutboxEntry event) {
    try {
      collection.insertOne(need.append(Outbox.FIELD, Outbox.initial(event)));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) return false;
      throw e;
    }
    events.written(COLLECTION, need.get("_id"));
    changes.needChanged((String) need.get("_id"));
    return true;
  }

  Optional<Document> document(String id) {
    return Optional.ofNullable(collection.find(eq("_id", id)).projection(Projections.exclude(Outbox.FIELD)).first());
  }

  /** Needs of the village, in the status and with the clerk's number {@code ref}, each when set, oldest first. */
  PageResponse<Need> list(String villageCode, String status, String ref, PageQuery page) {
    return MongoPages.page(collection, MongoPages.equalTo("villageCode", villageCode, "status", status, "ref", ref),
        Projections.exclude(Outbox.FIELD, "history", "fingerprint", "requestKeys"), Sorts.ascending("createdAt", "_id"), page, Need::of);
  }

  /**
   * Stores {@code move} if the need is still at {@code before}'s version and status: the new state, the history entry
   * and the event in one write (and the request's Idempotency-Key, if any). False when it changed meanwhile.
   */
  boolean apply(Need before, Need.Move move, HistoryEntry history, OutboxEntry event, Document requestKey) {
    Need after = move.after();
    List<Bson> update = new ArrayList<>(List.of(set("status", after.status()), set("claim", Need.claimDocument(after.claim())),
        set("releasedBy", after.releasedBy()), set("partnershipId", after.partnershipId()),
        set("resolvedOn", after.resolvedOn() == null ? null : after.resolvedOn().toString()),
        set("resolutionNote", after.resolutionNote()), inc("version", 1L), push("history", History.document(history)),
        Outbox.append(event)));
    if (requestKey != null) update.add(push("requestKeys", requestKey));
    long matched = collection.updateOne(and(eq("_id", before.id()), eq("version", before.version()), eq("status", before.status())),
        combine(update)).getMatchedCount();
    if (matched == 1) {
      events.written(COLLECTION, before.id());
      changes.needChanged(before.id());
    }
    return matched == 1;
  }
}
