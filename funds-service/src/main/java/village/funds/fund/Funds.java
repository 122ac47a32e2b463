package village.funds.fund;

import village.support.persistence.FilterIndexes;
import village.support.persistence.MongoPages;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.elemMatch;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import village.contracts.Money;
import village.funds.support.HistoryDocuments;
import village.messaging.Outbox;
import village.messaging.OutboxEntry;
import village.support.outbox.OutboxEvents;
import village.support.web.HistoryEntry;

/**
 * The {@code funds} collection: one document per fund with its disbursements, {@code disbursedFen} (the sum of the
 * ones not reversed), {@code version}, {@code history} and {@code outbox}. Every change is ONE conditional
 * document write carrying its event. A disbursement's write is conditional on the version read, on the invariant
 * ({@code disbursedFen <= committedFen - amount}) and on the disbursement id not being there yet, so two racing
 * requests can never together pay more than the commitment.
 */
@Component
class Funds {
  static final String COLLECTION = "funds";

  private final MongoCollection<Document> collection;
  private final OutboxEvents events;

  Funds(MongoDatabase db, OutboxEvents events) {
    this.collection = db.getCollection(COLLECTION);
    FilterIndexes.ensure(collection, true, "source", "projectId", "villageCodes", "investorOrganizationId", "ref");
    this.events = events;
    events.watch(COLLECTION);
  }

  /** Inserts a new fund with its first event; false when the id exists already (an idempotent retry). */
  boolean insert(Fund f, OutboxEntry event) {
    try {
      collection.insertOne(toDocument(f).append(Outbox.FIELD, Outbox.initial(event)));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) return false;
      throw e;
    }
    events.written(COLLECTION, f.id());
    return true;
  }

  Optional<Fund> find(String id) {
    return Optional.ofNullable(collection.find(eq("_id", id)).projection(Projections.exclude(Outbox.FIELD)).first())
        .map(Funds::fromDocument);
  }

  /** A list query: each field that is set must match ({@code villageCode}: one of the fund's villages). */
  record Query(Source source, String projectId, String villageCode, String investorOrganizationId, String ref) {
    Query(Source source, String projectId, String villageCode, String investorOrganizationId) {
      this(source, projectId, villageCode, investorOrganizationId, null);
    }
  }

  PageResponse<Fund> list(Query q, PageQuery page) {
    Bson filter = MongoPages.equalTo("source", q.source() == null ? null : q.source().name(), "projectId", q.projectId(),
        "villageCodes", q.villageCode(), "investorOrganizationId", q.investorOrganizationId(), "ref", q.ref());
    return MongoPages.page(collection, filter, Projections.exclude(Outbox.FIELD), Sorts.ascending("createdAt", "_id"),
        page, Funds::fromDocument);
  }

  /**
   * Adds the disbursement if the fund is still at {@code expectedVersion}, still has room for it and does not hold
   * it yet: one atomic write that also raises {@code disbursedFen} and the version and appends history and event.
   * False when the condition failed (someone else wrote first); the caller re-reads and decides again.
   */
  boolean addDisbursement(Fund fund, Disbursement d, HistoryEntry history, OutboxEntry event) {
    long amount = d.amount().fen();
    Bson condition = and(
        eq("_id", fund.id()),
        eq("version", fund.version()),
        lte("disbursedFen", fund.committed().fen() - amount),
        ne("disbursements.id", d.id()));
    Bson change = combine(
        inc("disbursedFen", amount),
        inc("version", 1L),
        set("updatedAt", Date.from(history.at())),
        push("disbursements", disbursementDocument(d)),
        push("history", HistoryDocuments.toDocument(history)),
        Outbox.append(event));
    return written(fund.id(), collection.updateOne(condition, change).getMatchedCount());
  }

  /**
   * Marks the disbursement reversed if the fund is still at {@code expectedVersion} and the disbursement is not
   * reversed yet; the amount counts as not disbursed again. One atomic write, nothing removed.
   */
  boolean reverse(Fund fund, Disbursement reversed, HistoryEntry history, OutboxEntry event) {
    Bson condition = and(
        eq("_id", fund.id()),
        eq("version", fund.version()),
        elemMatch("disbursements", and(eq("id", reversed.id()), eq("reversed", false))));
    Bson change = combine(
        inc("disbursedFen", -reversed.amount().fen()),
        inc("version", 1L),
        set("updatedAt", Date.from(history.at())),
        set("disbursements.$.reversed", true),
        set("disbursements.$.reversalReason", reversed.reversalReason()),
        set("disbursements.$.reversedAt", Date.from(reversed.reversedAt())),
        set("disbursements.$.reversedBy", reversed.reversedBy()),
        push("history", HistoryDocuments.toDocument(history)),
        Outbox.append(event));
    return written(fund.id(), collection.updateOne(condition, change).getMatchedCount());
  }

  private boolean written(String id, long matched) {
    if (matched == 1) events.written(COLLECTION, id);
    return matched == 1;
  }

  // ---- mapping

  static Document toDocument(Fund f) {
    return new Document("_id", f.id())
        .append("source", f.source().name())
        .append("investorOrganizationId", f.investorOrganizationId())
        .append("projectId", f.projectId())
        .append("villageCode", f.villageCode())
        .append("villageCodes", f.villageCodes())
        .append("statsVillageCode", f.statsVillageCode())
        .append("township", f.township())
        .append("committedFen", f.committed().fen())
        .append("disbursedFen", f.disbursed().fen())
        .append("committedOn", f.committedOn().toString())
        .append("disbursements", f.disbursements().stream().map(Funds::disbursementDocument).toList())
        .append("version", f.version())
        .append("createdAt", Date.from(f.createdAt()))
        .append("createdBy", f.createdBy())
        .append("updatedAt", Date.from(f.updatedAt()))
        .append("fingerprint", f.fingerprint())
        .append("history", f.history().stream().map(HistoryDocuments::toDocument).toList())
        .append("ref", f.ref());
  }

  static Document disbursementDocument(Disbursement d) {
    return new Document("id", d.id())
        .append("amountFen", d.amount().fen())
        .append("disbursedOn", d.disbursedOn().toString())
        .append("note", d.note())
        .append("disbursedAt", Date.from(d.disbursedAt()))
        .append("disbursedBy", d.disbursedBy())
        .append("fingerprint", d.fingerprint())
        .append("reversed", d.reversed())
        .append("reversalReason", d.reversalReason())
        .append("reversedAt", d.reversedAt() == null ? null : Date.from(d.reversedAt()))
        .append("reversedBy", d.reversedBy());
  }

  static Fund fromDocument(Document d) {
    return new Fund(
        d.getString("_id"),
        Source.valueOf(d.getString("source")),
        d.getString("investorOrganizationId"),
        d.getString("projectId"),
        d.getString("villageCode"),
        d.getList("villageCodes", String.class, List.of()),
        d.getString("statsVillageCode"),
        d.getString("township"),
        Money.ofFen(((Number) d.get("committedFen")).longValue()),
        LocalDate.parse(d.getString("committedOn")),
        d.getList("disbursements", Document.class, List.of()).stream().map(Funds::disbursement).toList(),
        ((Number) d.get("version")).longValue(),
        d.getDate("createdAt").toInstant(),
        d.getString("createdBy"),
        d.getDate("updatedAt").toInstant(),
        d.getString("fingerprint"),
        d.getList("history", Document.class, List.of()).stream().map(HistoryDocuments::fromDocument).toList(),
        d.getString("ref"));
  }

  private static Disbursement disbursement(Document x) {
    return new Disbursement(
        x.getString("id"),
        Money.ofFen(((Number) x.get("amountFen")).longValue()),
        LocalDate.parse(x.getString("disbursedOn")),
        x.getString("note"),
        x.getDate("disbursedAt").toInstant(),
        x.getString("disbursedBy"),
        x.getString("fingerprint"),
        Boolean.TRUE.equals(x.getBoolean("reversed")),
        x.getString("reversalReason"),
        instant(x.getDate("reversedAt")),
        x.getString("reversedBy"));
  }

  private static Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }
}
