package village.partnership.villages;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;
import village.events.Topics;
import village.support.aggregate.AggregateCollection;
import village.support.aggregate.AggregateMapping;
import village.support.aggregate.Change;
import village.support.outbox.OutboxEvents;
import village.support.persistence.FilterIndexes;
import village.support.persistence.MongoPages;
import village.support.web.PageQuery;
import village.support.web.PageResponse;

/** The village register ({@code villages}, {@code _id} = code), stored by the shared {@link AggregateCollection}. */
@Component
public class Villages implements AggregateMapping<Village> {
  static final String COLLECTION = "villages";
  private final AggregateCollection<Village> store;
  private final Clock clock;

  Villages(MongoDatabase db, OutboxEvents events, Clock clock) {
    this.store = new AggregateCollection<>(db, COLLECTION, "Village", Topics.PARTNERSHIPS, this, events, clock);
    this.clock = clock;
    FilterIndexes.ensure(store.collection(), false, "township", "kind");
  }

  /** Registers the village with its event; empty if the code is registered already. */
  Optional<Village> register(RegisterVillageRequest r, String actor) {
    Change<Village> v = Village.register(r.code(), r.name(), r.kind(), r.township(), r.county(), clock.instant());
    return store.insert(v, actor) ? Optional.of(v.after()) : Optional.empty();
  }

  /** Registers a village of the seed (the same as {@link #register}); false if it is there already. */
  boolean seed(VillageSeed.Entry e) {
    Change<Village> v = Village.register(e.code(), e.name(), e.kind(), e.township(), e.county(), clock.instant());
    return store.insert(v, "seed");
  }

  public Optional<Village> find(String code) {
    return store.find(code);
  }

  /** Villages of {@code township} and of {@code kind}, each when set, by code. */
  PageResponse<Village> list(String township, String kind, PageQuery page) {
    return store.page(MongoPages.equalTo("township", township, "kind", kind), Sorts.ascending("_id"), page);
  }

  @Override
  public Document toDocument(Village v) {
    return new Document("_id", v.code()).append("name", v.name()).append("kind", v.kind()).append("township", v.township())
        .append("county", v.county()).append("version", v.version())
        .append("createdAt", v.createdAt() == null ? null : Date.from(v.createdAt()));
  }

  @Override
  public Village fromDocument(Document d) {
    Date created = d.getDate("createdAt");
    return new Village(d.getString("_id"), d.getString("name"), d.getString("kind"), d.getString("township"),
        d.getString("county"), ((Number) d.get("version")).longValue(), created == null ? null : created.toInstant());
  }
}
