package village.events.project;

import java.time.LocalDate;

public record MilestoneCompleted(String projectId, String milestoneId, LocalDate completedOn) implements ProjectEvent {
  @Override public String aggregateId() { return projectId; }
}
