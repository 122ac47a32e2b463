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
import village.support.outbox.OutboxEvents;
import village.support.web.HistoryEntry;

/** {@code needs}: one document per need with its history and outbox. */
@Component
class Needs {
  static final String COLLECTION = "needs";
  private final MongoCollection<Document> collection;
  private final OutboxEvents events;

  Needs(MongoDatabase db, OutboxEvents events) {
    this.collection = db.getCollection(COLLECTION);
    FilterIndexes.ensure(collection, true, "villageCode", "status");
    this.events = events;
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
    return true;
  }

  Optional<Document> document(String id) {
    return Optional.ofNullable(collection.find(eq("_id", id)).projection(Projections.exclude(Outbox.FIELD)).first());
  }

  PageResponse<Need> list(Bson filter, PageQuery page) {
    return MongoPages.page(collection, filter, Projections.exclude(Outbox.FIELD, "history", "fingerprint"),
        Sorts.ascending("createdAt", "_id"), page, Need::of);
  }

  /** Resolves the need if it is still OPEN at {@code version}: state, history and event in one write. */
  boolean resolve(String id, long version, String partnershipId, String resolvedOn, String note, HistoryEntry history,
      OutboxEntry event) {
    long matched = collection.updateOne(and(eq("_id", id), eq("version", version), eq("status", Need.OPEN)),
        combine(set("status", Need.RESOLVED), set("partnershipId", partnershipId), set("resolvedOn", resolvedOn),
            set("resolutionNote", note), inc("version", 1L), push("history", History.document(history)),
            Outbox.append(event))).getMatchedCount();
    if (matched == 1) events.written(COLLECTION, id);
    return matched == 1;
  }
}
