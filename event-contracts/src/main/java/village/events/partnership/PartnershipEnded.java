package village.events.partnership;

import java.time.LocalDate;
import village.events.DomainEvent;

public record PartnershipEnded(String partnershipId, String organizationId, String villageCode, LocalDate endDate, String reason)
    implements DomainEvent {
  @Override public String aggregateId() { return partnershipId; }
}
