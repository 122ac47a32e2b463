package village.partnership.needs;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;
import village.events.Topics;
import village.partnership.support.RecordChanges;
import village.support.aggregate.AggregateCollection;
import village.support.aggregate.AggregateMapping;
import village.support.outbox.OutboxEvents;
import village.support.persistence.FilterIndexes;
import village.support.persistence.MongoPages;
import village.support.web.PageQuery;
import village.support.web.PageResponse;

/** {@code needs}: one document per need, stored by the shared {@link AggregateCollection}. */
@Component
class Needs implements AggregateMapping<Need> {
  static final String COLLECTION = "needs";
  private final AggregateCollection<Need> store;

  Needs(MongoDatabase db, OutboxEvents events, RecordChanges changes, Clock clock) {
    this.store = new AggregateCollection<>(db, COLLECTION, "Need", Topics.PARTNERSHIPS, this, events, clock);
    FilterIndexes.ensure(store.collection(), true, "villageCode", "status", "ref");
    store.onWritten(id -> changes.needChanged((String) id));
  }

  /** Where needs are read, stored and changed. */
  AggregateCollection<Need> store() {
    return store;
  }

  /** Needs of the village, in the status and with the clerk's number {@code ref}, each when set, oldest first. */
  PageResponse<Need> list(String villageCode, String status, String ref, PageQuery page) {
    return store.page(MongoPages.equalTo("villageCode", villageCode, "status", status, "ref", ref),
        Sorts.ascending("createdAt", "_id"), page, "fingerprint", "requestKeys");
  }

  @Override
  public Document toDocument(Need n) {
    Need.Claim c = n.claim();
    return new Document("_id", n.id()).append("villageCode", n.villageCode()).append("township", n.township())
        .append("category", n.category()).append("title", n.title()).append("description", n.description())
        .append("status", n.status()).append("partnershipId", n.partnershipId())
        .append("resolvedOn", n.resolvedOn() == null ? null : n.resolvedOn().toString())
        .append("resolutionNote", n.resolutionNote())
        .append("claim", c == null ? null : new Document("organizationId", c.organizationId())
            .append("claimedAt", Date.from(c.claimedAt())).append("claimedBy", c.claimedBy())
            .append("suggestionScore", c.suggestionScore()).append("weightsVersion", c.weightsVersion()))
        .append("releasedBy", n.releasedBy()).append("version", n.version()).append("createdAt", Date.from(n.createdAt()))
        .append("ref", n.ref()).append("fingerprint", n.fingerprint())
        .append("requestKeys", n.requestKeys().stream()
            .map(k -> new Document("key", k.key()).append("fingerprint", k.fingerprint())).toList());
  }

  @Override
  public Need fromDocument(Document d) {
    String resolvedOn = d.getString("resolvedOn");
    Document c = d.get("claim", Document.class);
    Need.Claim claim = c == null ? null : new Need.Claim(c.getString("organizationId"), c.getDate("claimedAt").toInstant(),
        c.getString("claimedBy"), ((Number) c.get("suggestionScore")).intValue(), ((Number) c.get("weightsVersion")).intValue());
    List<Need.RequestKey> keys = d.getList("requestKeys", Document.class, List.of()).stream()
        .map(k -> new Need.RequestKey(k.getString("key"), k.getString("fingerprint"))).toList();
    return new Need(d.getString("_id"), d.getString("villageCode"), d.getString("township"), d.getString("category"),
        d.getString("title"), d.getString("description"), d.getString("status"), d.getString("partnershipId"),
        resolvedOn == null ? null : LocalDate.parse(resolvedOn), d.getString("resolutionNote"), claim,
        d.getList("releasedBy", String.class, List.of()), ((Number) d.get("version")).longValue(),
        d.getDate("createdAt").toInstant(), d.getString("ref"), d.getString("fingerprint"), keys);
  }
}
