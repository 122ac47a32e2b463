package village.project.projects;

import village.support.persistence.FilterIndexes;
import village.support.persistence.MongoPages;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import static com.mongodb.client.model.Filters.elemMatch;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.nin;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.nor;
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
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Component;
import village.contracts.Money;
import village.messaging.Outbox;
import village.messaging.OutboxEntry;
import village.support.outbox.OutboxEvents;
import village.support.web.HistoryEntry;

/**
 * The {@code projects} collection: one document per project holding its state, {@code version}, {@code history}
 * and {@code outbox}. Every write is a single document write; changes are conditional on the version read.
 * Dates are stored as {@code YYYY-MM-DD} strings, money as fen (long), the scale quantity as Decimal128.
 */
@Component
class Projects {
  static final String COLLECTION = "projects";

  private final MongoCollection<Document> collection;
  private final OutboxEvents events;

  Projects(MongoDatabase db, OutboxEvents events) {
    this.collection = db.getCollection(COLLECTION);
    FilterIndexes.ensure(collection, true, "status", "industry", "villageCodes", "ref");
    this.events = events;
    events.watch(COLLECTION);
  }

  /** Inserts a new project with its first event; false when the id exists already (an idempotent retry). */
  boolean insert(Project p, OutboxEntry event) {
    try {
      collection.insertOne(toDocument(p).append(Outbox.FIELD, Outbox.initial(event)));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) return false;
      throw e;
    }
    events.written(COLLECTION, p.id());
    return true;
  }

  Optional<Project> find(String id) {
    return Optional.ofNullable(collection.find(eq("_id", id)).projection(Projections.exclude(Outbox.FIELD)).first())
        .map(Projects::fromDocument);
  }

  /** A list query: each field that is set must match; {@code overdue} compares with {@code today}. */
  record Query(ProjectStatus status, Industry industry, String villageCode, Boolean overdue, LocalDate today, String ref) {
    Query(ProjectStatus status, Industry industry, String villageCode, Boolean overdue, LocalDate today) {
      this(status, industry, villageCode, overdue, today, null);
    }
  }

  PageResponse<Project> list(Query q, PageQuery page) {
    Bson filter = MongoPages.equalTo("status", q.status() == null ? null : q.status().name(),
        "industry", q.industry() == null ? null : q.industry().name(), "villageCodes", q.villageCode(), "ref", q.ref());
    if (q.overdue() != null) filter = and(filter, q.overdue() ? overdue(q.today()) : nor(overdue(q.today())));
    return MongoPages.page(collection, filter, Projections.exclude(Outbox.FIELD), Sorts.ascending("createdAt", "_id"),
        page, Projects::fromDocument);
  }

  /**
   * Projects with a milestone past its due date and not complete, and not over (COMPLETED, CANCELLED): the filter
   * form of {@link Project#isOverdue}. Dates are stored as {@code YYYY-MM-DD}, so they compare as strings.
   */
  static Bson overdue(LocalDate today) {
    return and(nin("status", ProjectStatus.finalNames()),
        elemMatch("milestones", and(eq("completedOn", null), lt("dueDate", today.toString()))));
  }

  /**
   * Applies {@code change} if the project is still at {@code expectedVersion}: the version goes up by one, the
   * history entry and the event are appended, all in one write. False when someone else changed it first.
   */
  boolean update(String id, long expectedVersion, Bson change, HistoryEntry history, OutboxEntry event) {
    long matched = collection.updateOne(and(eq("_id", id), eq("version", expectedVersion)),
        combine(change, inc("version", 1L), set("updatedAt", Date.from(history.at())),
            push("history", historyDocument(history)), Outbox.append(event))).getMatchedCount();
    if (matched == 1) events.written(COLLECTION, id);
    return matched == 1;
  }

  // ---- mapping

  static Document toDocument(Project p) {
    return new Document("_id", p.id())
        .append("name", p.name())
        .append("industry", p.industry().name())
        .append("villageCodes", p.villageCodes())
        .append("partnershipIds", p.partnershipIds())
        .append("leadOrganizationId", p.leadOrganizationId())
        .append("township", p.township())
        .append("scale", new Document("quantity", new Decimal128(p.scaleQuantity())).append("unit", p.scaleUnit().name()))
        .append("plannedInvestmentFen", p.plannedInvestment().fen())
        .append("startDate", date(p.startDate()))
        .append("endDate", date(p.endDate()))
        .append("status", p.status().name())
        .append("percentComplete", p.percentComplete())
        .append("milestones", p.milestones().stream().map(Projects::milestoneDocument).toList())
        .append("progress", p.progress().stream().map(Projects::reportDocument).toList())
        .append("version", p.version())
        .append("createdAt", Date.from(p.createdAt()))
        .append("updatedAt", Date.from(p.updatedAt()))
        .append("fingerprint", p.fingerprint())
        .append("history", p.history().stream().map(Projects::historyDocument).toList())
        .append("ref", p.ref());
  }

  static Document milestoneDocument(Project.Milestone m) {
    return new Document("id", m.id()).append("title", m.title()).append("dueDate", date(m.dueDate()))
        .append("completedOn", date(m.completedOn()));
  }

  static Document reportDocument(Project.ProgressReport r) {
    return new Document("id", r.id()).append("percentComplete", r.percentComplete())
        .append("reportedOn", date(r.reportedOn())).append("note", r.note())
        .append("reportedAt", Date.from(r.reportedAt())).append("reportedBy", r.reportedBy())
        .append("fingerprint", r.fingerprint());
  }

  static Document historyDocument(HistoryEntry h) {
    return new Document("version", h.version()).append("at", Date.from(h.at())).append("actor", h.actor())
        .append("action", h.action()).append("details", new Document(new LinkedHashMap<>(h.details())));
  }

  static Project fromDocument(Document d) {
    Document scale = d.get("scale", Document.class);
    return new Project(
        d.getString("_id"),
        d.getString("name"),
        Industry.valueOf(d.getString("industry")),
        d.getList("villageCodes", String.class, List.of()),
        d.getList("partnershipIds", String.class, List.of()),
        d.getString("leadOrganizationId"),
        d.getString("township"),
        decimal(scale.get("quantity")),
        ScaleUnit.valueOf(scale.getString("unit")),
        Money.ofFen(((Number) d.get("plannedInvestmentFen")).longValue()),
        localDate(d.getString("startDate")),
        localDate(d.getString("endDate")),
        ProjectStatus.valueOf(d.getString("status")),
        d.get("percentComplete") == null ? null : ((Number) d.get("percentComplete")).intValue(),
        d.getList("milestones", Document.class, List.of()).stream()
            .map(m -> new Project.Milestone(m.getString("id"), m.getString("title"), localDate(m.getString("dueDate")),
                localDate(m.getString("completedOn"))))
            .toList(),
        d.getList("progress", Document.class, List.of()).stream()
            .map(r -> new Project.ProgressReport(r.getString("id"), ((Number) r.get("percentComplete")).intValue(),
                localDate(r.getString("reportedOn")), r.getString("note"), r.getDate("reportedAt").toInstant(),
                r.getString("reportedBy"), r.getString("fingerprint")))
            .toList(),
        ((Number) d.get("version")).longValue(),
        d.getDate("createdAt").toInstant(),
        d.getDate("updatedAt").toInstant(),
        d.getString("fingerprint"),
        d.getList("history", Document.class, List.of()).stream().map(Projects::history).toList(),
        d.getString("ref"));
  }

  private static HistoryEntry history(Document h) {
    Map<String, Object> details = new LinkedHashMap<>();
    Document dd = h.get("details", Document.class);
    if (dd != null) details.putAll(dd);
    return new HistoryEntry(((Number) h.get("version")).intValue(), h.getDate("at").toInstant(), h.getString("actor"),
        h.getString("action"), details);
  }

  private static BigDecimal decimal(Object v) {
    if (v instanceof Decimal128 d) return d.bigDecimalValue();
    if (v instanceof BigDecimal b) return b;
    return new BigDecimal(String.valueOf(v));
  }

  static String date(LocalDate d) {
    return d == null ? null : d.toString();
  }

  private static LocalDate localDate(String s) {
    return s == null ? null : LocalDate.parse(s);
  }
}
