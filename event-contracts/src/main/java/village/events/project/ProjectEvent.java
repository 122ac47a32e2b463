package village.events.project;

import village.events.AggregateType;
import village.events.DomainEvent;

/**
 * The events project-service publishes (projects, their status, progress and milestones). Sealed: a consumer's
 * {@code switch} over it is exhaustive, so a new event type that a consumer does not handle fails that consumer's
 * build ({@link village.events.EventTypes} lists the permitted records).
 */
public sealed interface ProjectEvent extends DomainEvent
    permits MilestoneCompleted, ProjectProgressReported, ProjectRegistered, ProjectStatusChanged {
  @Override
  default AggregateType aggregateType() {
    return AggregateType.PROJECT;
  }
}
