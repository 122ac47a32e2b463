package village.project.projects;

import java.time.Instant;
import java.time.LocalDate;

/** One progress report of a project. */
record ProgressReportResponse(String id, String projectId, int percentComplete, LocalDate reportedOn, String note,
    Instant reportedAt, String reportedBy) {

  static ProgressReportResponse of(String projectId, Project.ProgressReport r) {
    return new ProgressReportResponse(r.id(), projectId, r.percentComplete(), r.reportedOn(), r.note(), r.reportedAt(),
        r.reportedBy());
  }
}
