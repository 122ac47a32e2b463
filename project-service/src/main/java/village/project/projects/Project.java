package village.project.projects;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import village.contracts.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import village.events.project.MilestoneCompleted;
import village.events.project.ProjectProgressReported;
import village.events.project.ProjectRegistered;
import village.events.project.ProjectStatusChanged;
import village.support.aggregate.Aggregate;
import village.support.aggregate.Change;
import village.support.web.ProblemException.FieldError;
import village.support.web.Problems;
import village.events.vocabulary.ProjectStatus;
import village.events.vocabulary.Industry;
import village.events.vocabulary.ScaleUnit;

/**
 * One agricultural project, the aggregate: its state, version and the township whose TOWNSHIP manages it. Each rule
 * method decides and returns the {@link Change} (the project after it, its event, what history keeps); the lifecycle
 * itself is {@link ProjectStatus}'s.
 */
record Project(
    String id,
    String name,
    Industry industry,
    List<String> villageCodes,
    List<String> partnershipIds,
    String leadOrganizationId,
    String township,
    BigDecimal scaleQuantity,
    ScaleUnit scaleUnit,
    Money plannedInvestment,
    LocalDate startDate,
    LocalDate endDate,
    ProjectStatus status,
    Integer percentComplete,
    List<Milestone> milestones,
    List<ProgressReport> progress,
    long version,
    Instant createdAt,
    Instant updatedAt,
    String fingerprint,
    String ref) implements Aggregate {

  Project {
    villageCodes = List.copyOf(villageCodes);
    partnershipIds = List.copyOf(partnershipIds);
    milestones = List.copyOf(milestones);
    progress = List.copyOf(progress);
  }

  record Milestone(String id, String title, LocalDate dueDate, LocalDate completedOn) {
    boolean isComplete() {
      return completedOn != null;
    }

    /** Past its due date (before {@code today}) and not complete. */
    boolean isOverdue(LocalDate today) {
      return !isComplete() && dueDate.isBefore(today);
    }
  }

  record ProgressReport(String id, int percentComplete, LocalDate reportedOn, String note, Instant reportedAt,
      String reportedBy, String fingerprint) {}

  /**
   * The rules across fields of a new project (400, every failure listed): it does not end before it starts, and no
   * milestone is due before it starts.
   */
  static void requireCoherent(CreateProjectRequest r) {
    List<FieldError> errors = new ArrayList<>();
    if (r.endDate() != null && r.endDate().isBefore(r.startDate())) errors.add(new FieldError("endDate", "must not be before startDate"));
    List<CreateProjectRequest.NewMilestone> ms = r.milestonesOrEmpty();
    for (int i = 0; i < ms.size(); i++) {
      if (ms.get(i).dueDate().isBefore(r.startDate())) errors.add(new FieldError("milestones[" + i + "].dueDate", "must not be before startDate"));
    }
    if (!errors.isEmpty()) throw Problems.invalid(errors);
  }

  /** A new project, PLANNED at version 1, managed by {@code township}. */
  static Change<Project> register(String id, CreateProjectRequest r, String township, Instant now, String fingerprint) {
    requireCoherent(r);
    List<Milestone> milestones = r.milestonesOrEmpty().stream()
        .map(m -> new Milestone(UUID.randomUUID().toString(), m.title().strip(), m.dueDate(), null)).toList();
    BigDecimal quantity = r.scale().quantity().scale() < 0 ? r.scale().quantity().setScale(0) : r.scale().quantity();
    Money investment = Money.ofYuan(r.plannedInvestment());
    Project p = new Project(id, r.name().strip(), Industry.valueOf(r.industry()), r.villageCodes(), r.partnershipIdsOrEmpty(),
        r.leadOrganizationId(), township, quantity, ScaleUnit.valueOf(r.scale().unit()), investment, r.startDate(), r.endDate(),
        ProjectStatus.PLANNED, null, milestones, List.of(), 1, now, now, fingerprint, r.ref());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("status", ProjectStatus.PLANNED.name());
    details.put("name", p.name());
    return Change.of(p, new ProjectRegistered(id, p.name(), p.industry().name(), p.villageCodes(), p.partnershipIds(),
        p.leadOrganizationId(), quantity, p.scaleUnit().name(), investment.toYuanString(), p.startDate(), p.endDate(),
        p.status().name(), milestones.stream().map(m -> new ProjectRegistered.Milestone(m.id(), m.title(), m.dueDate())).toList()),
        "registered", details);
  }

  /** Moves to {@code target} if the lifecycle allows it (409 otherwise). */
  Change<Project> moveTo(ProjectStatus target, String reason, Instant now) {
    Lifecycle.move(status, target);
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("from", status.name());
    details.put("to", target.name());
    if (why != null) details.put("reason", why);
    return Change.of(with(target, percentComplete, milestones, progress, now),
        new ProjectStatusChanged(id, status.name(), target.name(), why), "status-changed", details);
  }

  /** A progress report: only while IN_PROGRESS (409), not dated before the start (400). */
  Change<Project> reportProgress(String reportId, ReportProgressRequest r, Instant now, String actor, String fingerprint) {
    if (status != ProjectStatus.IN_PROGRESS) throw ProjectNotChangeable.progressNotAllowed(status);
    if (r.reportedOn().isBefore(startDate)) {
      throw Problems.invalid("reportedOn", "must not be before the project's startDate " + startDate);
    }
    String note = r.note() == null || r.note().isBlank() ? null : r.note().strip();
    List<ProgressReport> after = new ArrayList<>(progress);
    after.add(new ProgressReport(reportId, r.percentComplete(), r.reportedOn(), note, now, actor, fingerprint));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reportId", reportId);
    details.put("percentComplete", r.percentComplete());
    details.put("reportedOn", r.reportedOn().toString());
    if (note != null) details.put("note", note);
    return Change.of(with(status, r.percentComplete(), milestones, after, now),
        new ProjectProgressReported(id, reportId, r.percentComplete(), r.reportedOn(), note), "progress-reported", details);
  }

  /** Completes the milestone: 404 if unknown, 409 if done already or the project is CANCELLED, 400 before the start. */
  Change<Project> completeMilestone(String milestoneId, LocalDate completedOn, Instant now) {
    Milestone m = milestone(milestoneId).orElseThrow(() -> Problems.notFound("Milestone", milestoneId));
    if (m.isComplete()) throw ProjectNotChangeable.milestoneAlreadyCompleted(milestoneId, m.completedOn().toString());
    if (status == ProjectStatus.CANCELLED) throw ProjectNotChangeable.cancelled("completing a milestone");
    if (completedOn.isBefore(startDate)) {
      throw Problems.invalid("completedOn", "must not be before the project's startDate " + startDate);
    }
    List<Milestone> after = milestones.stream()
        .map(x -> x.id().equals(milestoneId) ? new Milestone(x.id(), x.title(), x.dueDate(), completedOn) : x).toList();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("milestoneId", milestoneId);
    details.put("title", m.title());
    details.put("completedOn", completedOn.toString());
    return Change.of(with(status, percentComplete, after, progress, now), new MilestoneCompleted(id, milestoneId, completedOn),
        "milestone-completed", details);
  }

  private Project with(ProjectStatus s, Integer percent, List<Milestone> ms, List<ProgressReport> reports, Instant now) {
    return new Project(id, name, industry, villageCodes, partnershipIds, leadOrganizationId, township, scaleQuantity, scaleUnit,
        plannedInvestment, startDate, endDate, s, percent, ms, reports, version + 1, createdAt, now, fingerprint, ref);
  }

  /**
   * A milestone is past its due date and not complete. A project that is over (COMPLETED or CANCELLED) is never
   * overdue: nothing is expected of it any more.
   */
  boolean isOverdue(LocalDate today) {
    return !Lifecycle.isFinal(status) && milestones.stream().anyMatch(m -> m.isOverdue(today));
  }

  Optional<Milestone> milestone(String milestoneId) {
    return milestones.stream().filter(m -> m.id().equals(milestoneId)).findFirst();
  }

  Optional<ProgressReport> report(String reportId) {
    return progress.stream().filter(r -> r.id().equals(reportId)).findFirst();
  }
}
