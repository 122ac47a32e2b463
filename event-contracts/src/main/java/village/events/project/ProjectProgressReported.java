package village.events.project;

import java.time.LocalDate;
import village.events.DomainEvent;

public record ProjectProgressReported(String projectId, String reportId, int percentComplete, LocalDate reportedOn, String note)
    implements DomainEvent {
  @Override public String aggregateId() { return projectId; }
}
