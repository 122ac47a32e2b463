package village.funds.income;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;
import village.contracts.Money;
import village.events.Topics;
import village.support.aggregate.AggregateCollection;
import village.support.aggregate.AggregateMapping;
import village.support.outbox.OutboxEvents;
import village.support.persistence.FilterIndexes;
import village.support.persistence.MongoPages;
import village.support.security.Caller;
import village.support.web.HistoryEntry;
import village.support.web.PageQuery;
import village.support.web.PageResponse;

/**
 * {@code collectiveIncome}: one document per village and year ({@code _id = code:year}), stored by the shared
 * {@link AggregateCollection}; the first report inserts it, a newer one changes it.
 */
@Component
class CollectiveIncomes implements AggregateMapping<CollectiveIncome> {
  static final String COLLECTION = "collectiveIncome";
  private final AggregateCollection<CollectiveIncome> store;
  private final Clock clock;

  CollectiveIncomes(MongoDatabase db, OutboxEvents events, Clock clock) {
    this.store = new AggregateCollection<>(db, COLLECTION, "Collective income", Topics.FUNDS, this, events, clock);
    this.clock = clock;
    FilterIndexes.ensure(store.collection(), false, "year", "villageCode");
  }

  Optional<CollectiveIncome> find(String villageCode, int year) {
    return store.find(CollectiveIncome.id(villageCode, year));
  }

  List<HistoryEntry> history(String villageCode, int year) {
    return store.history(CollectiveIncome.id(villageCode, year));
  }

  /** Incomes of {@code year} and of {@code villageCode}, each when set. */
  PageResponse<CollectiveIncome> list(Integer year, String villageCode, PageQuery page) {
    return store.page(MongoPages.equalTo("year", year, "villageCode", villageCode), Sorts.ascending("year", "villageCode"), page);
  }

  /** The village's income for the year is {@code amount} now (the same amount again changes nothing). */
  CollectiveIncome report(String villageCode, String township, int year, Money amount, Caller caller) {
    String id = CollectiveIncome.id(villageCode, year);
    if (store.find(id).isEmpty()) {
      var first = CollectiveIncome.first(villageCode, township, year, amount, clock.instant());
      if (store.insert(first, caller.subject())) return first.after();
    }
    return store.change(id, null, caller.subject(), i -> i.report(amount, clock.instant()));
  }

  // ---- mapping

  @Override
  public Document toDocument(CollectiveIncome i) {
    return new Document("_id", i.id()).append("villageCode", i.villageCode()).append("township", i.township())
        .append("year", i.year()).append("amountFen", i.amount().fen()).append("version", i.version())
        .append("updatedAt", Date.from(i.updatedAt()));
  }

  @Override
  public CollectiveIncome fromDocument(Document d) {
    return new CollectiveIncome(d.getString("villageCode"), d.getString("township"), d.getInteger("year"),
        Money.ofFen(((Number) d.get("amountFen")).longValue()), ((Number) d.get("version")).longValue(),
        d.getDate("updatedAt").toInstant());
  }
}
