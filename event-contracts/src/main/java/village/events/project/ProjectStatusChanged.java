package village.events.project;

public record ProjectStatusChanged(String projectId, String from, String to, String reason) implements ProjectEvent {
  @Override public String aggregateId() { return projectId; }
}
