package village.events.project;

import java.time.LocalDate;
import village.events.DomainEvent;

public record MilestoneCompleted(String projectId, String milestoneId, LocalDate completedOn) implements DomainEvent {
  @Override public String aggregateId() { return projectId; }
}
