package village.project.projects;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import village.contracts.Money;
import village.support.web.HistoryEntry;

/** One agricultural project as stored: its state, version, kept changes and the township whose TOWNSHIP manages it. */
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
    List<HistoryEntry> history,
    String ref) {

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
   * A milestone is past its due date and not complete. A project that is over (COMPLETED or CANCELLED) is never
   * overdue: nothing is expected of it any more.
   */
  boolean isOverdue(LocalDate today) {
    return !status.isFinal() && milestones.stream().anyMatch(m -> m.isOverdue(today));
  }

  Optional<Milestone> milestone(String milestoneId) {
    return milestones.stream().filter(m -> m.id().equals(milestoneId)).findFirst();
  }

  Optional<ProgressReport> report(String reportId) {
    return progress.stream().filter(r -> r.id().equals(reportId)).findFirst();
  }
}
