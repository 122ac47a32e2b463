package village.events.project;

import village.events.DomainEvent;

public record ProjectStatusChanged(String projectId, String from, String to, String reason) implements DomainEvent {
  @Override public String aggregateId() { return projectId; }
}
