package village.funds.fund;

import village.support.persistence.FilterIndexes;
import village.support.persistence.MongoPages;
import village.support.web.PageQuery;
import village.support.web.PageResponse;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import village.contracts.Money;
import village.events.Topics;
import village.support.aggregate.AggregateCollection;
import village.support.aggregate.AggregateMapping;
import village.support.outbox.OutboxEvents;
import village.events.vocabulary.FundSource;

/**
 * The {@code funds} collection: one document per fund with its disbursements and {@code disbursedFen} (the sum of the
 * ones not reversed, for the statistics), stored by the shared {@link AggregateCollection} (state, version, history and
 * outbox in one document write, each change conditional on the version read, so two racing disbursements can never
 * together pay more than the commitment: the loser decides again on the fresh fund). Here: the mapping and the list query.
 */
@Component
class Funds implements AggregateMapping<Fund> {
  static final String COLLECTION = "funds";

  private final AggregateCollection<Fund> collection;

  Funds(MongoDatabase db, OutboxEvents events, Clock clock) {
    this.collection = new AggregateCollection<>(db, COLLECTION, "Fund", Topics.FUNDS, this, events, clock);
    FilterIndexes.ensure(collection.collection(), true, "source", "projectId", "villageCodes", "investorOrganizationId", "ref");
  }

  /** Where funds are read, stored and changed. */
  AggregateCollection<Fund> store() {
    return collection;
  }

  /** A list query: each field that is set must match ({@code villageCode}: one of the fund's villages). */
  record Query(FundSource source, String projectId, String villageCode, String investorOrganizationId, String ref) {
    Query(FundSource source, String projectId, String villageCode, String investorOrganizationId) {
      this(source, projectId, villageCode, investorOrganizationId, null);
    }
  }

  PageResponse<Fund> list(Query q, PageQuery page) {
    Bson filter = MongoPages.equalTo("source", q.source() == null ? null : q.source().name(), "projectId", q.projectId(),
        "villageCodes", q.villageCode(), "investorOrganizationId", q.investorOrganizationId(), "ref", q.ref());
    return collection.page(filter, Sorts.ascending("createdAt", "_id"), page);
  }

  // ---- mapping

  @Override
  public Document toDocument(Fund f) {
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

  @Override
  public Fund fromDocument(Document d) {
    return new Fund(
        d.getString("_id"),
        FundSource.valueOf(d.getString("source")),
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
