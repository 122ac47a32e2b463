package village.events.partnership;

import village.events.DomainEvent;

/** A claim on a need was given up (by the organization or the township); status OPEN again. */
public record NeedReleased(String needId, String villageCode, String organizationId, String reason) implements DomainEvent {
  @Override public String aggregateId() { return needId; }
}
