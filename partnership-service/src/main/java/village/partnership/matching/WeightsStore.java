package village.partnership.matching;

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
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;
import village.support.aggregate.HistoryDocuments;
import village.support.web.HistoryEntry;

/**
 * {@code matchingWeights}: one document per township ({@code _id} = its name) with the weights in force, their
 * {@code version} (1, 2, …; a township without one uses {@link Weights#DEFAULTS}, version 0) and the history of every
 * version. Weights are the township's settings, not statistics: no event.
 */
@Component
class WeightsStore {
  private final MongoCollection<Document> collection;

  WeightsStore(MongoDatabase db) {
    this.collection = db.getCollection("matchingWeights");
  }

  Weights of(String township) {
    return document(township).map(WeightsStore::weights).orElse(Weights.DEFAULTS);
  }

  Optional<Document> document(String township) {
    return Optional.ofNullable(collection.find(eq("_id", township)).first());
  }

  /** Stores {@code w} as the version after {@code expected}; false if another version was stored meanwhile. */
  boolean put(String township, int expected, Weights w, String actor, Instant at) {
    int next = expected + 1;
    HistoryEntry h = new HistoryEntry(next, at, actor, "WEIGHTS_SET", fields(w));
    Document weights = new Document(fields(w));
    if (expected == 0) {
      try {
        collection.insertOne(new Document("_id", township).append("version", (long) next).append("weights", weights)
            .append("updatedAt", Date.from(at)).append("history", List.of(HistoryDocuments.toDocument(h))));
        return true;
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) return false;
        throw e;
      }
    }
    return collection.updateOne(and(eq("_id", township), eq("version", (long) expected)), combine(set("weights", weights),
        set("updatedAt", Date.from(at)), inc("version", 1L), push("history", HistoryDocuments.toDocument(h)))).getMatchedCount() == 1;
  }

  static Map<String, Object> fields(Weights w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("categoryMatch", w.categoryMatch());
    m.put("pairedWithVillage", w.pairedWithVillage());
    m.put("pairedInTownship", w.pairedInTownship());
    m.put("perResolvedInCategory", w.perResolvedInCategory());
    m.put("resolvedCountedUpTo", w.resolvedCountedUpTo());
    m.put("perOpenClaim", w.perOpenClaim());
    m.put("villageWithoutPairing", w.villageWithoutPairing());
    m.put("perMonthWaiting", w.perMonthWaiting());
    m.put("waitingCountedUpToMonths", w.waitingCountedUpToMonths());
    m.put("claimLimit", w.claimLimit());
    return m;
  }

  private static Weights weights(Document d) {
    Document w = d.get("weights", Document.class);
    return new Weights(((Number) d.get("version")).intValue(), w.getInteger("categoryMatch"), w.getInteger("pairedWithVillage"),
        w.getInteger("pairedInTownship"), w.getInteger("perResolvedInCategory"), w.getInteger("resolvedCountedUpTo"),
        w.getInteger("perOpenClaim"), w.getInteger("villageWithoutPairing"), w.getInteger("perMonthWaiting"),
        w.getInteger("waitingCountedUpToMonths"), w.getInteger("claimLimit"));
  }
}
