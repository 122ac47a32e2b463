package village.events.project;

import java.time.LocalDate;

public record ProjectProgressReported(String projectId, String reportId, int percentComplete, LocalDate reportedOn, String note)
    implements ProjectEvent {
  @Override public String aggregateId() { return projectId; }
}
