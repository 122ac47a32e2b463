package village.events.partnership;

import java.time.LocalDate;
import village.events.DomainEvent;

/** A need was solved through a partnership with the same village ("problems solved"). */
public record NeedResolved(String needId, String villageCode, String partnershipId, LocalDate resolvedOn)
    implements DomainEvent {
  @Override public String aggregateId() { return needId; }
}
