package village.project.projects;

import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.set;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bson.conversions.Bson;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import village.contracts.Money;
import village.events.Topics;
import village.events.project.MilestoneCompleted;
import village.events.project.ProjectProgressReported;
import village.events.project.ProjectRegistered;
import village.events.project.ProjectStatusChanged;
import village.messaging.OutboxEntry;
import village.project.references.PartnershipDirectory;
import village.support.outbox.OutboxEvents;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.ETags;
import village.support.web.HistoryEntry;
import village.support.web.IdempotencyKeys;
import village.support.web.ProblemException;
import village.support.web.Problems;

/** The write paths of projects: checks, the event, one conditional document write. */
@Component
class ProjectService {
  /** How often a change is re-tried on a version race before giving up with 409. */
  private static final int ATTEMPTS = 5;

  private final Projects projects;
  private final PartnershipDirectory directory;
  private final OutboxEvents events;
  private final Clock clock;

  ProjectService(Projects projects, PartnershipDirectory directory, OutboxEvents events, Clock clock) {
    this.projects = projects;
    this.directory = directory;
    this.events = events;
    this.clock = clock;
  }

  LocalDate today() {
    return LocalDate.now(clock);
  }

  Project get(String id) {
    return projects.find(id).orElseThrow(() -> Problems.notFound("Project", id));
  }

  // ---- register

  Project register(CreateProjectRequest r, Caller caller, String idempotencyKey) {
    caller.requireAnyRole(Role.TOWNSHIP);
    RequestValidation.require(RequestValidation.create(r));
    String fingerprint = IdempotencyKeys.fingerprint(r);
    String id = IdempotencyKeys.idFor(caller, "POST /api/projects", idempotencyKey).orElseGet(() -> UUID.randomUUID().toString());
    if (idempotencyKey != null) {
      var earlier = projects.find(id);
      if (earlier.isPresent()) return replay(earlier.get(), fingerprint);
    }

    String township = checkReferences(r, caller);

    Instant now = clock.instant();
    List<Project.Milestone> milestones = r.milestonesOrEmpty().stream()
        .map(m -> new Project.Milestone(UUID.randomUUID().toString(), m.title().strip(), m.dueDate(), null))
        .toList();
    BigDecimal quantity = r.scale().quantity().scale() < 0 ? r.scale().quantity().setScale(0) : r.scale().quantity();
    Money investment = Money.ofYuan(r.plannedInvestment());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("status", ProjectStatus.PLANNED.name());
    details.put("name", r.name().strip());
    HistoryEntry registered = new HistoryEntry(1, now, caller.subject(), "registered", details);
    Project p = new Project(id, r.name().strip(), Industry.valueOf(r.industry()), List.copyOf(r.villageCodes()),
        List.copyOf(r.partnershipIdsOrEmpty()), r.leadOrganizationId(), township, quantity, ScaleUnit.valueOf(r.scale().unit()),
        investment, r.startDate(), r.endDate(), ProjectStatus.PLANNED, null, milestones, List.of(), 1, now, now,
        fingerprint, List.of(registered), r.ref());
    ProjectRegistered event = new ProjectRegistered(id, p.name(), p.industry().name(), p.villageCodes(), p.partnershipIds(),
        p.leadOrganizationId(), quantity, p.scaleUnit().name(), investment.toYuanString(), p.startDate(), p.endDate(),
        p.status().name(),
        milestones.stream().map(m -> new ProjectRegistered.Milestone(m.id(), m.title(), m.dueDate())).toList());
    if (!projects.insert(p, events.entry(Topics.PROJECTS, event, 1, caller))) {
      return replay(get(id), fingerprint); // a concurrent retry with the same key won the insert
    }
    return p;
  }

  private static Project replay(Project earlier, String fingerprint) {
    IdempotencyKeys.requireSameRequest(earlier.fingerprint(), fingerprint);
    return earlier;
  }

  /**
   * Villages must exist and all belong to the caller's township (403 otherwise); partnerships must exist and be
   * with one of the project's villages; the lead organization must exist. Returns the project's township.
   */
  private String checkReferences(CreateProjectRequest r, Caller caller) {
    Set<String> townships = new LinkedHashSet<>();
    List<String> codes = r.villageCodes();
    for (int i = 0; i < codes.size(); i++) {
      String code = codes.get(i);
      var village = directory.village(code)
          .orElseThrow(() -> Problems.unknownReference("villageCodes[" + codes.indexOf(code) + "]", "Village '" + code + "' does not exist."));
      caller.requireTownshipOf(village.township());
      townships.add(village.township());
    }
    List<String> ids = r.partnershipIdsOrEmpty();
    for (int i = 0; i < ids.size(); i++) {
      String field = "partnershipIds[" + i + "]";
      String pid = ids.get(i);
      var partnership = directory.partnership(pid)
          .orElseThrow(() -> Problems.unknownReference(field, "Partnership '" + pid + "' does not exist."));
      if (!codes.contains(partnership.villageCode())) {
        String detail = "Partnership '" + pid + "' is with village '" + partnership.villageCode()
            + "', which is not one of the project's villages.";
        throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "partnership-not-with-project-village",
            "Partnership not with the project's villages", detail,
            List.of(new ProblemException.FieldError(field, detail)), Map.of());
      }
    }
    if (r.leadOrganizationId() != null && !directory.organizationExists(r.leadOrganizationId())) {
      throw Problems.unknownReference("leadOrganizationId", "Organization '" + r.leadOrganizationId() + "' does not exist.");
    }
    return townships.iterator().next();
  }

  // ---- status

  Project changeStatus(String id, ChangeStatusRequest r, String ifMatch, Caller caller) {
    caller.requireAnyRole(Role.TOWNSHIP);
    RequestValidation.require(RequestValidation.changeStatus(r));
    ProjectStatus target = ProjectStatus.valueOf(r.status());
    String reason = r.reason() == null || r.reason().isBlank() ? null : r.reason().strip();
    return change(id, ifMatch, p -> caller.requireTownshipOf(p.township()), p -> {
      ProjectStatus from = p.status();
      from.moveTo(target);
      long next = p.version() + 1;
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("from", from.name());
      details.put("to", target.name());
      if (reason != null) details.put("reason", reason);
      return new Change(set("status", target.name()),
          new HistoryEntry((int) next, clock.instant(), caller.subject(), "status-changed", details),
          events.entry(Topics.PROJECTS, new ProjectStatusChanged(p.id(), from.name(), target.name(), reason), next, caller));
    });
  }

  // ---- progress

  Project.ProgressReport reportProgress(String id, ReportProgressRequest r, Caller caller, String idempotencyKey) {
    caller.requireAnyRole(Role.TOWNSHIP, Role.ORGANIZATION);
    RequestValidation.require(RequestValidation.reportProgress(r));
    String fingerprint = IdempotencyKeys.fingerprint(r);
    String reportId = IdempotencyKeys.idFor(caller, "POST /api/projects/" + id + "/progress", idempotencyKey)
        .orElseGet(() -> UUID.randomUUID().toString());
    String note = r.note() == null || r.note().isBlank() ? null : r.note().strip();
    Project[] seen = new Project[1];
    Project after = change(id, null, p -> caller.requireTownshipOfOrOrganization(p.township(), p.leadOrganizationId()), p -> {
      seen[0] = p;
      if (p.report(reportId).isPresent()) return null; // replay of an earlier keyed request
      if (p.status() != ProjectStatus.IN_PROGRESS) throw ProjectNotChangeable.progressNotAllowed(p.status());
      if (r.reportedOn().isBefore(p.startDate())) {
        throw Problems.invalid("reportedOn", "must not be before the project's startDate " + p.startDate());
      }
      long next = p.version() + 1;
      Instant now = clock.instant();
      var report = new Project.ProgressReport(reportId, r.percentComplete(), r.reportedOn(), note, now, caller.subject(), fingerprint);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("reportId", reportId);
      details.put("percentComplete", r.percentComplete());
      details.put("reportedOn", r.reportedOn().toString());
      if (note != null) details.put("note", note);
      return new Change(combine(push("progress", Projects.reportDocument(report)), set("percentComplete", r.percentComplete())),
          new HistoryEntry((int) next, now, caller.subject(), "progress-reported", details),
          events.entry(Topics.PROJECTS,
              new ProjectProgressReported(p.id(), reportId, r.percentComplete(), r.reportedOn(), note), next, caller));
    });
    Project.ProgressReport report = (after == null ? seen[0] : after).report(reportId)
        .orElseThrow(ProjectNotChangeable::concurrentChange);
    IdempotencyKeys.requireSameRequest(report.fingerprint(), fingerprint);
    return report;
  }

  // ---- milestones

  Project completeMilestone(String id, String milestoneId, CompleteMilestoneRequest r, String ifMatch, Caller caller) {
    caller.requireAnyRole(Role.TOWNSHIP, Role.ORGANIZATION);
    RequestValidation.require(RequestValidation.completeMilestone(r));
    return change(id, ifMatch, p -> caller.requireTownshipOfOrOrganization(p.township(), p.leadOrganizationId()), p -> {
      Project.Milestone m = p.milestone(milestoneId).orElseThrow(() -> Problems.notFound("Milestone", milestoneId));
      if (m.isComplete()) throw ProjectNotChangeable.milestoneAlreadyCompleted(milestoneId, m.completedOn().toString());
      if (p.status() == ProjectStatus.CANCELLED) throw ProjectNotChangeable.cancelled("completing a milestone");
      if (r.completedOn().isBefore(p.startDate())) {
        throw Problems.invalid("completedOn", "must not be before the project's startDate " + p.startDate());
      }
      long next = p.version() + 1;
      List<org.bson.Document> milestones = new ArrayList<>();
      for (Project.Milestone x : p.milestones()) {
        milestones.add(Projects.milestoneDocument(x.id().equals(milestoneId)
            ? new Project.Milestone(x.id(), x.title(), x.dueDate(), r.completedOn()) : x));
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("milestoneId", milestoneId);
      details.put("title", m.title());
      details.put("completedOn", r.completedOn().toString());
      return new Change(set("milestones", milestones),
          new HistoryEntry((int) next, clock.instant(), caller.subject(), "milestone-completed", details),
          events.entry(Topics.PROJECTS, new MilestoneCompleted(p.id(), milestoneId, r.completedOn()), next, caller));
    });
  }

  // ---- the conditional write loop

  /** A state change, its history entry and its event, to be written together. */
  private record Change(Bson update, HistoryEntry history, OutboxEntry event) {}

  /**
   * Reads the project, lets {@code decide} check it and describe the change (null: nothing to write), and writes
   * it conditionally on the version read. With If-Match a lost race is a 412; without, the decision is made again
   * on the fresh state a few times before a 409.
   */
  private Project change(String id, String ifMatch, Consumer<Project> authorize, Function<Project, Change> decide) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Project p = get(id);
      authorize.accept(p);
      ETags.checkIfMatch(ifMatch, p.version());
      Change c = decide.apply(p);
      if (c == null) return null;
      if (projects.update(id, p.version(), c.update(), c.history(), c.event())) return get(id);
      if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.strip().equals("*")) {
        throw Problems.preconditionFailed("The project changed while this request was applied; read it again.");
      }
    }
    throw ProjectNotChangeable.concurrentChange();
  }
}
