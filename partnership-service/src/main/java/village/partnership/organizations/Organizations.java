package village.partnership.organizations;

import village.support.persistence.FilterIndexes;
import village.support.persistence.MongoPages;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.push;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
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
import village.partnership.support.RecordChanges;
import village.support.outbox.OutboxEvents;

/** {@code organizations}: one document per organization (unique {@code creditCode}), its resources inside it. */
@Component
public class Organizations {
  static final String COLLECTION = "organizations";
  static final int MAX_RESOURCES = 1000;
  private final MongoCollection<Document> collection;
  private final OutboxEvents events;
  private final RecordChanges changes;

  Organizations(MongoDatabase db, OutboxEvents events, RecordChanges changes) {
    this.collection = db.getCollection(COLLECTION);
    FilterIndexes.ensure(collection, true, "type");
    this.events = events;
    this.changes = changes;
    collection.createIndex(Indexes.ascending("creditCode"), new IndexOptions().unique(true).name("creditCode_unique"));
    events.watch(COLLECTION);
  }

  enum Inserted { OK, SAME_ID, SAME_CREDIT_CODE }

  Inserted insert(Document org, OutboxEntry event) {
    try {
      collection.insertOne(org.append(Outbox.FIELD, Outbox.initial(event)));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) throw e;
      return collection.find(eq("_id", org.get("_id"))).first() != null ? Inserted.SAME_ID : Inserted.SAME_CREDIT_CODE;
    }
    events.written(COLLECTION, org.get("_id"));
    changes.changed();
    return Inserted.OK;
  }

  public Optional<Document> find(String id) {
    return Optional.ofNullable(collection.find(eq("_id", id)).projection(Projections.exclude(Outbox.FIELD)).first());
  }

  PageResponse<Document> list(Bson filter, PageQuery page) {
    return MongoPages.page(collection, filter, Projections.exclude(Outbox.FIELD, "resources"), Sorts.ascending("createdAt", "_id"),
        page, d -> d);
  }

  /** Appends a resource and its event if the organization is at {@code version} and has room; false otherwise. */
  boolean addResource(String id, long version, Document resource, OutboxEntry event) {
    long matched = collection.updateOne(and(eq("_id", id), eq("version", version), lt("resourceCount", MAX_RESOURCES)),
        combine(push("resources", resource), inc("resourceCount", 1), inc("version", 1L), Outbox.append(event))).getMatchedCount();
    if (matched == 1) {
      events.written(COLLECTION, id);
      changes.changed();
    }
    return matched == 1;
  }

  static Bson byType(String type) {
    return type == null ? new Document() : eq("type", type);
  }
}
