package village.events.partnership;

import java.time.LocalDate;

/** A need was solved through a partnership with the same village ("problems solved"). */
public record NeedResolved(String needId, String villageCode, String partnershipId, LocalDate resolvedOn)
    implements PartnershipEvent {
  @Override public String aggregateId() { return needId; }
}
