package village.events.partnership;

import java.time.LocalDate;

public record PartnershipEnded(String partnershipId, String organizationId, String villageCode, LocalDate endDate, String reason)
    implements PartnershipEvent {
  @Override public String aggregateId() { return partnershipId; }
}
