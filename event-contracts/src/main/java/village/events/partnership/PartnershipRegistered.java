package village.events.partnership;

import java.time.LocalDate;
import java.util.List;

/** An organization was paired with a village (手拉手结对共建). Carries the organization's type and the village's township so consumers need no join. */
public record PartnershipRegistered(
    String partnershipId,
    String organizationId,
    String organizationType,
    String villageCode,
    String township,
    LocalDate startDate,
    List<String> focus) implements PartnershipEvent {
  @Override public String aggregateId() { return partnershipId; }
}
