package village.events.funds;

import java.time.LocalDate;

public record FundDisbursed(String fundId, String disbursementId, String amount, LocalDate disbursedOn)
    implements FundsEvent {
  @Override public String aggregateId() { return fundId; }
}
