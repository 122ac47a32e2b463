package village.partnership.villages;

import village.support.persistence.FilterIndexes;
import village.support.persistence.MongoPages;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import village.events.Topics;
import village.events.partnership.VillageRegistered;
import village.messaging.Outbox;
import village.partnership.support.History;
import village.support.outbox.OutboxEvents;
import village.support.web.HistoryEntry;

/** The village register ({@code villages}, {@code _id} = code); a village and its VillageRegistered event in one insert. */
@Component
public class Villages {
  static final String COLLECTION = "villages";
  private final MongoCollection<Document> collection;
  private final OutboxEvents events;
  private final Clock clock;

  Villages(MongoDatabase db, OutboxEvents events, Clock clock) {
    this.collection = db.getCollection(COLLECTION);
    FilterIndexes.ensure(collection, false, "township", "kind");
    this.events = events;
    this.clock = clock;
    events.watch(COLLECTION);
  }

  /** Inserts the village with its event; false if the code is registered already. */
  boolean insert(Village v, String actor) {
    var event = events.entry(Topics.PARTNERSHIPS, new VillageRegistered(v.code(), v.name(), v.kind(), v.township(), v.county()), 1, actor);
    Document d = new Document("_id", v.code()).append("name", v.name()).append("kind", v.kind())
        .append("township", v.township()).append("county", v.county()).append("version", 1L)
        .append("createdAt", Date.from(clock.instant()))
        .append("history", List.of(History.document(new HistoryEntry(1, clock.instant(), actor, "REGISTERED",
            Map.of("name", v.name(), "township", v.township())))))
        .append(Outbox.FIELD, Outbox.initial(event));
    try {
      collection.insertOne(d);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) return false;
      throw e;
    }
    events.written(COLLECTION, v.code());
    return true;
  }

  public Optional<Village> find(String code) {
    return Optional.ofNullable(collection.find(eq("_id", code)).projection(Projections.exclude(Outbox.FIELD, "history")).first())
        .map(Village::of);
  }

  /** Villages of {@code township} and of {@code kind}, each when set, by code. */
  PageResponse<Village> list(String township, String kind, PageQuery page) {
    return MongoPages.page(collection, MongoPages.equalTo("township", township, "kind", kind), Projections.exclude(Outbox.FIELD, "history"), Sorts.ascending("_id"), page, Village::of);
  }
}
