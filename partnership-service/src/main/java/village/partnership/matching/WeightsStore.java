package village.partnership.matching;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;
import village.support.aggregate.AggregateCollection;
import village.support.aggregate.AggregateMapping;
import village.support.web.HistoryEntry;
import village.support.web.PageQuery;
import village.support.web.PageResponse;

/**
 * {@code matchingWeights}: one document per township ({@code _id} = its name) with the weights in force, their
 * {@code version} and the history of every version, stored by {@link AggregateCollection} without events (weights are
 * the township's settings, not statistics). A township without one uses {@link Weights#DEFAULTS}, version 0.
 */
@Component
class WeightsStore implements AggregateMapping<TownshipWeights> {
  static final String COLLECTION = "matchingWeights";
  private final AggregateCollection<TownshipWeights> store;

  WeightsStore(MongoDatabase db, Clock clock) {
    this.store = AggregateCollection.withoutEvents(db, COLLECTION, "The matching weights of", this, clock);
  }

  Weights of(String township) {
    return store.find(township).map(TownshipWeights::weights).orElse(Weights.DEFAULTS);
  }

  /**
   * The township's weights set to {@code proposed} as the next version (the first on the defaults), decided on the
   * version read: {@code If-Match} naming another is a 412; without one a concurrent change is decided again.
   */
  Weights set(String township, Weights proposed, String ifMatch, String actor) {
    return store.createOrChange(township, ifMatch, actor,
        current -> current.orElseGet(() -> TownshipWeights.defaults(township)).set(proposed)).weights();
  }

  /** A page of the versions it had, oldest first, read by the database; none for a township on the defaults. */
  PageResponse<HistoryEntry> history(String township, PageQuery page) {
    if (store.find(township).isEmpty()) return new PageResponse<>(List.of(), page.page(), page.size(), 0);
    return store.history(township, page);
  }

  @Override
  public Document toDocument(TownshipWeights t) {
    return new Document("_id", t.township()).append(AggregateCollection.VERSION, t.version())
        .append("weights", new Document(t.weights().asMap()));
  }

  @Override
  public TownshipWeights fromDocument(Document d) {
    Document w = d.get("weights", Document.class);
    return new TownshipWeights(d.getString("_id"), new Weights(((Number) d.get(AggregateCollection.VERSION)).intValue(),
        w.getInteger("categoryMatch"), w.getInteger("pairedWithVillage"), w.getInteger("pairedInTownship"),
        w.getInteger("perResolvedInCategory"), w.getInteger("resolvedCountedUpTo"), w.getInteger("perOpenClaim"),
        w.getInteger("villageWithoutPairing"), w.getInteger("perMonthWaiting"), w.getInteger("waitingCountedUpToMonths"),
        w.getInteger("claimLimit")));
  }
}
