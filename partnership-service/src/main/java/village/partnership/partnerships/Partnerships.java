package village.partnership.partnerships;

import village.support.persistence.FilterIndexes;
import village.support.persistence.MongoPages;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import village.events.Topics;
import village.support.aggregate.AggregateCollection;
import village.support.aggregate.AggregateMapping;
import village.partnership.support.RecordChanges;
import village.support.outbox.OutboxEvents;

/**
 * {@code partnerships} (one document each, ended ones kept) and {@code activePairs}: one document per ACTIVE pair,
 * {@code _id = organizationId|villageCode}, whose unique {@code _id} makes "at most one ACTIVE pairing per
 * organization and village" hold under concurrency. It is claimed before the partnership is inserted and released when
 * the partnership ends; a claim left behind by a crash is recognised (its partnership is missing or ended) and taken over.
 */
@Component
public class Partnerships implements AggregateMapping<Partnership> {
  static final String COLLECTION = "partnerships";
  private final AggregateCollection<Partnership> store;
  private final MongoCollection<Document> activePairs;

  Partnerships(MongoDatabase db, OutboxEvents events, RecordChanges changes, Clock clock) {
    this.store = new AggregateCollection<>(db, COLLECTION, "Partnership", Topics.PARTNERSHIPS, this, events, clock);
    FilterIndexes.ensure(store.collection(), true, "villageCode", "organizationId", "status");
    this.activePairs = db.getCollection("activePairs");
    store.onWritten(id -> changes.changed());
  }

  /** Where partnerships are read, stored and changed. */
  AggregateCollection<Partnership> store() {
    return store;
  }
  static String pair(String organizationId, String villageCode) {
    return organizationId + "|" + villageCode;
  }

  /** Claims the pair for {@code partnershipId}; false if another live partnership holds it. */
  boolean claim(String organizationId, String villageCode, String partnershipId) {
    String key = pair(organizationId, villageCode);
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        activePairs.insertOne(new Document("_id", key).append("partnershipId", partnershipId));
        return true;
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) throw e;
      }
      Document holder = activePairs.find(eq("_id", key)).first();
      if (holder == null) continue;
      String holderId = holder.getString("partnershipId");
      if (holderId.equals(partnershipId)) return true;
      Optional<Partnership> p = find(holderId);
      if (p.isPresent() && p.get().isActive()) return false;
      activePairs.deleteOne(and(eq("_id", key), eq("partnershipId", holderId))); // stale claim: take it over
    }
    return false;
  }

  void release(String organizationId, String villageCode, String partnershipId) {
    activePairs.deleteOne(and(eq("_id", pair(organizationId, villageCode)), eq("partnershipId", partnershipId)));
  }

  public Optional<Partnership> find(String id) {
    return store.find(id);
  }

  /** Partnerships of the village, of the organization and in the status, each when set, oldest first. */
  PageResponse<Partnership> list(String villageCode, String organizationId, String status, PageQuery page) {
    Bson filter = MongoPages.equalTo("villageCode", villageCode, "organizationId", organizationId, "status", status);
    return store.page(filter, Sorts.ascending("createdAt", "_id"), page, "fingerprint");
  }

  @Override
  public Document toDocument(Partnership p) {
    return new Document("_id", p.id()).append("organizationId", p.organizationId()).append("organizationType", p.organizationType())
        .append("villageCode", p.villageCode()).append("township", p.township()).append("status", p.status())
        .append("startDate", date(p.startDate())).append("endDate", date(p.endDate())).append("endReason", p.endReason())
        .append("focus", p.focus()).append("note", p.note()).append("version", p.version())
        .append("createdAt", Date.from(p.createdAt())).append("fingerprint", p.fingerprint());
  }

  @Override
  public Partnership fromDocument(Document d) {
    return new Partnership(d.getString("_id"), d.getString("organizationId"), d.getString("organizationType"),
        d.getString("villageCode"), d.getString("township"), d.getString("status"), localDate(d.getString("startDate")),
        localDate(d.getString("endDate")), d.getString("endReason"), d.getList("focus", String.class, List.of()),
        d.getString("note"), ((Number) d.get("version")).longValue(), d.getDate("createdAt").toInstant(), d.getString("fingerprint"));
  }

  private static String date(LocalDate d) {
    return d == null ? null : d.toString();
  }

  private static LocalDate localDate(String s) {
    return s == null ? null : LocalDate.parse(s);
  }
}
