package village.project.projects;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A project as the API shows it; {@code plannedInvestment} is yuan with two decimals ({@code "1500000.00"}). */
record ProjectResponse(
    String id,
    String name,
    String industry,
    List<String> villageCodes,
    List<String> partnershipIds,
    String leadOrganizationId,
    String township,
    Scale scale,
    String plannedInvestment,
    LocalDate startDate,
    LocalDate endDate,
    String status,
    Integer percentComplete,
    LatestProgress latestProgress,
    List<Milestone> milestones,
    boolean overdue,
    long version,
    Instant createdAt,
    Instant updatedAt,
    String ref) {

  record Scale(BigDecimal quantity, String unit) {}

  record Milestone(String id, String title, LocalDate dueDate, boolean completed, LocalDate completedOn, boolean overdue) {}

  record LatestProgress(String id, int percentComplete, LocalDate reportedOn, String note) {}

  static ProjectResponse of(Project p, LocalDate today) {
    Project.ProgressReport last = p.progress().isEmpty() ? null : p.progress().get(p.progress().size() - 1);
    return new ProjectResponse(p.id(), p.name(), p.industry().name(), p.villageCodes(), p.partnershipIds(),
        p.leadOrganizationId(), p.township(), new Scale(p.scaleQuantity(), p.scaleUnit().name()),
        p.plannedInvestment().toYuanString(), p.startDate(), p.endDate(), p.status().name(), p.percentComplete(),
        last == null ? null : new LatestProgress(last.id(), last.percentComplete(), last.reportedOn(), last.note()),
        p.milestones().stream()
            .map(m -> new Milestone(m.id(), m.title(), m.dueDate(), m.isComplete(), m.completedOn(),
                !Lifecycle.isFinal(p.status()) && m.isOverdue(today)))
            .toList(),
        p.isOverdue(today), p.version(), p.createdAt(), p.updatedAt(), p.ref());
  }
}
