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

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Component;
import village.contracts.Money;
import village.events.Topics;
import village.support.aggregate.AggregateCollection;
import village.support.aggregate.AggregateMapping;
import village.support.outbox.OutboxEvents;
import village.events.vocabulary.ProjectStatus;
import village.events.vocabulary.Industry;
import village.events.vocabulary.ScaleUnit;

/**
 * The {@code projects} collection: one document per project, stored by the shared {@link AggregateCollection} (state,
 * version, history and outbox in one document write; changes conditional on the version read). Here: the mapping and
 * the list query. Dates are stored as {@code YYYY-MM-DD} strings, money as fen (long), the scale quantity as Decimal128.
 */
@Component
class Projects implements AggregateMapping<Project> {
  static final String COLLECTION = "projects";
  /** The array of a project's progress reports, oldest first. */
  static final String PROGRESS = "progress";

  private final AggregateCollection<Project> store;

  Projects(MongoDatabase db, OutboxEvents events, Clock clock) {
    this.store = new AggregateCollection<>(db, COLLECTION, "Project", Topics.PROJECTS, this, events, clock);
    FilterIndexes.ensure(store.collection(), true, "status", "industry", "villageCodes", "ref");
  }

  /** Where projects are read, stored and changed. */
  AggregateCollection<Project> store() {
    return store;
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
    return store.page(filter, Sorts.ascending("createdAt", "_id"), page);
  }

  /**
   * Projects with a milestone past its due date and not complete, and not over (COMPLETED, CANCELLED): the filter
   * form of {@link Project#isOverdue}. Dates are stored as {@code YYYY-MM-DD}, so they compare as strings.
   */
  static Bson overdue(LocalDate today) {
    return and(nin("status", Lifecycle.finalNames()),
        elemMatch("milestones", and(eq("completedOn", null), lt("dueDate", today.toString()))));
  }

  // ---- mapping

  @Override
  public Document toDocument(Project p) {
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
        .append(PROGRESS, p.progress().stream().map(Projects::reportDocument).toList())
        .append("version", p.version())
        .append("createdAt", Date.from(p.createdAt()))
        .append("updatedAt", Date.from(p.updatedAt()))
        .append("fingerprint", p.fingerprint())
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

  @Override
  public Project fromDocument(Document d) {
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
        d.getList(PROGRESS, Document.class, List.of()).stream().map(Projects::report).toList(),
        ((Number) d.get("version")).longValue(),
        d.getDate("createdAt").toInstant(),
        d.getDate("updatedAt").toInstant(),
        d.getString("fingerprint"),
        d.getString("ref"));
  }

  static Project.ProgressReport report(Document r) {
    return new Project.ProgressReport(r.getString("id"), ((Number) r.get("percentComplete")).intValue(),
        localDate(r.getString("reportedOn")), r.getString("note"), r.getDate("reportedAt").toInstant(),
        r.getString("reportedBy"), r.getString("fingerprint"));
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
