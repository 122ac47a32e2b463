package village.events.funds;

import java.time.LocalDate;
import village.events.DomainEvent;

public record FundDisbursed(String fundId, String disbursementId, String amount, LocalDate disbursedOn)
    implements DomainEvent {
  @Override public String aggregateId() { return fundId; }
}
