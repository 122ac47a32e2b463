package village.imports.jobs;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;
import village.imports.plan.Plan;
import village.imports.workbook.RowError;
import village.support.persistence.FilterIndexes;
import village.support.persistence.MongoPages;
import village.support.web.PageQuery;
import village.support.web.PageResponse;

/** {@code jobs}: one document per import; {@code files}: the uploaded workbook of each (for the report and a resume). */
@Component
class ImportJobs {
  static final int MAX_LISTED = 5000;
  private final MongoCollection<Document> jobs;
  private final MongoCollection<Document> files;
  private final Clock clock;

  ImportJobs(MongoDatabase db, Clock clock) {
    this.jobs = db.getCollection("jobs");
    this.files = db.getCollection("files");
    this.clock = clock;
    FilterIndexes.ensure(jobs, true, "township", "sha256");
  }

  void insert(ImportJob job, byte[] file) {
    files.replaceOne(eq("_id", job.id()), new Document("_id", job.id()).append("bytes", new Binary(file)), new ReplaceOptions().upsert(true));
    jobs.replaceOne(eq("_id", job.id()), toDocument(job), new ReplaceOptions().upsert(true));
  }

  Optional<ImportJob> find(String id) {
    return Optional.ofNullable(jobs.find(eq("_id", id)).first()).map(ImportJobs::fromDocument);
  }

  Optional<byte[]> file(String id) {
    return Optional.ofNullable(files.find(eq("_id", id)).first()).map(d -> d.get("bytes", Binary.class).getData());
  }

  /** The latest job of the township for the same file (same SHA-256), applying it for real. */
  Optional<ImportJob> latestForFile(String township, String sha256) {
    return Optional.ofNullable(jobs.find(and(eq("township", township), eq("sha256", sha256), eq("dryRun", false)))
        .sort(Sorts.descending("createdAt", "_id")).first()).map(ImportJobs::fromDocument);
  }

  PageResponse<ImportJob> list(String township, PageQuery page) {
    Bson filter = MongoPages.equalTo("township", township);
    return MongoPages.page(jobs, filter, Projections.exclude("errors", "changes"), Sorts.descending("createdAt", "_id"), page,
        ImportJobs::fromDocument);
  }

  void status(String id, String status, String message) {
    jobs.updateOne(eq("_id", id), combine(set("status", status), set("message", message), set("updatedAt", Date.from(clock.instant()))));
  }

  /** A message on a running job that leaves its status as it is (e.g. waiting for a service to answer again). */
  void note(String id, String message) {
    jobs.updateOne(eq("_id", id), combine(set("message", message), set("updatedAt", Date.from(clock.instant()))));
  }

  void progress(String id, int done, int total) {
    jobs.updateOne(eq("_id", id), combine(set("progress", new Document("done", done).append("total", total)),
        set("updatedAt", Date.from(clock.instant()))));
  }

  void save(ImportJob job) {
    jobs.replaceOne(eq("_id", job.id()), toDocument(job));
  }

  /** Jobs that were running when the service stopped: FAILED, interrupted (posting the file again resumes them). */
  int markInterrupted() {
    return (int) jobs.updateMany(in("status", ImportJob.QUEUED, ImportJob.VALIDATING, ImportJob.APPLYING),
        combine(set("status", ImportJob.FAILED), set("interrupted", true),
            set("message", "interrupted: the import service stopped; post the same file again to resume"),
            set("updatedAt", Date.from(clock.instant())))).getModifiedCount();
  }

  static Document toDocument(ImportJob j) {
    Document summary = new Document();
    j.summary().forEach((k, v) -> summary.append(k, new Document("created", v.created()).append("updated", v.updated())
        .append("unchanged", v.unchanged()).append("failed", v.failed())));
    List<Document> errors = new ArrayList<>();
    for (RowError e : j.errors().subList(0, Math.min(MAX_LISTED, j.errors().size()))) {
      errors.add(new Document("sheet", e.sheet()).append("row", e.row()).append("column", e.column()).append("value", e.value())
          .append("message", e.message()));
    }
    List<Document> changes = new ArrayList<>();
    for (Plan.Change c : j.changes().subList(0, Math.min(MAX_LISTED, j.changes().size()))) {
      changes.add(new Document("sheet", c.sheet()).append("row", c.row()).append("action", c.action()).append("detail", c.detail()));
    }
    return new Document("_id", j.id()).append("township", j.township()).append("createdBy", j.createdBy())
        .append("fileName", j.fileName()).append("sha256", j.sha256()).append("size", j.size()).append("dryRun", j.dryRun())
        .append("onError", j.onError()).append("status", j.status())
        .append("progress", new Document("done", j.progress().done()).append("total", j.progress().total()))
        .append("summary", summary).append("errors", errors).append("errorCount", j.errorCount()).append("changes", changes)
        .append("message", j.message()).append("interrupted", j.interrupted()).append("attempts", j.attempts())
        .append("createdAt", Date.from(j.createdAt())).append("updatedAt", Date.from(j.updatedAt()));
  }

  static ImportJob fromDocument(Document d) {
    Document p = d.get("progress", Document.class);
    Map<String, Plan.SheetSummary> summary = new LinkedHashMap<>();
    Document s = d.get("summary", Document.class);
    if (s != null) {
      for (var e : s.entrySet()) {
        Document v = (Document) e.getValue();
        summary.put(e.getKey(), new Plan.SheetSummary(v.getInteger("created", 0), v.getInteger("updated", 0),
            v.getInteger("unchanged", 0), v.getInteger("failed", 0)));
      }
    }
    List<RowError> errors = d.getList("errors", Document.class, List.of()).stream()
        .map(e -> new RowError(e.getString("sheet"), e.getInteger("row", 0), e.getString("column"), e.getString("value"), e.getString("message")))
        .toList();
    List<Plan.Change> changes = d.getList("changes", Document.class, List.of()).stream()
        .map(c -> new Plan.Change(c.getString("sheet"), c.getInteger("row", 0), c.getString("action"), c.getString("detail"))).toList();
    return new ImportJob(d.getString("_id"), d.getString("township"), d.getString("createdBy"), d.getString("fileName"),
        d.getString("sha256"), ((Number) d.get("size")).longValue(), d.getBoolean("dryRun", false), d.getString("onError"),
        d.getString("status"), p == null ? new ImportJob.Progress(0, 0) : new ImportJob.Progress(p.getInteger("done", 0), p.getInteger("total", 0)),
        summary, errors, d.getInteger("errorCount", errors.size()), changes, d.getString("message"), d.getBoolean("interrupted", false),
        d.getInteger("attempts", 1), d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant());
  }
}
