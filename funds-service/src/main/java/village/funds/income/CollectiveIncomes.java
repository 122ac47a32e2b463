package village.funds.income;

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
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import village.messaging.Outbox;
import village.messaging.OutboxEntry;
import village.funds.support.HistoryDocuments;
import village.support.outbox.OutboxEvents;
import village.support.web.HistoryEntry;

/** {@code collectiveIncome}: one document per village and year ({@code _id = code:year}) with its history and outbox. */
@Component
class CollectiveIncomes {
  static final String COLLECTION = "collectiveIncome";
  private final MongoCollection<Document> collection;
  private final OutboxEvents events;

  CollectiveIncomes(MongoDatabase db, OutboxEvents events) {
    this.collection = db.getCollection(COLLECTION);
    FilterIndexes.ensure(collection, false, "year", "villageCode");
    this.events = events;
    events.watch(COLLECTION);
  }

  Optional<CollectiveIncome> find(String villageCode, int year) {
    return Optional.ofNullable(collection.find(eq("_id", CollectiveIncome.id(villageCode, year)))
        .projection(Projections.exclude(Outbox.FIELD)).first()).map(CollectiveIncome::of);
  }

  /** Incomes of {@code year} and of {@code villageCode}, each when set. */
  PageResponse<CollectiveIncome> list(Integer year, String villageCode, PageQuery page) {
    Bson filter = MongoPages.equalTo("year", year, "villageCode", villageCode);
    return MongoPages.page(collection, filter, Projections.exclude(Outbox.FIELD), Sorts.ascending("year", "villageCode"),
        page, CollectiveIncome::of);
  }

  /** The first report for the village and year; false if someone reported it first. */
  boolean insert(String villageCode, String township, int year, long amountFen, HistoryEntry history, OutboxEntry event) {
    String id = CollectiveIncome.id(villageCode, year);
    try {
      collection.insertOne(new Document("_id", id).append("villageCode", villageCode).append("township", township)
          .append("year", year).append("amountFen", amountFen).append("version", 1L)
          .append("updatedAt", Date.from(history.at())).append("history", List.of(HistoryDocuments.toDocument(history)))
          .append(Outbox.FIELD, Outbox.initial(event)));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) return false;
      throw e;
    }
    events.written(COLLECTION, id);
    return true;
  }

  /** A newer report replaces the amount if the document is still at {@code version}; history and event in the same write. */
  boolean replace(String villageCode, int year, long version, long amountFen, HistoryEntry history, OutboxEntry event) {
    String id = CollectiveIncome.id(villageCode, year);
    long matched = collection.updateOne(and(eq("_id", id), eq("version", version)),
        combine(set("amountFen", amountFen), inc("version", 1L), set("updatedAt", Date.from(history.at())),
            push("history", HistoryDocuments.toDocument(history)), Outbox.append(event))).getMatchedCount();
    if (matched == 1) events.written(COLLECTION, id);
    return matched == 1;
  }
}
