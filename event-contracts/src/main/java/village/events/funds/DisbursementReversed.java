package village.events.funds;

import java.time.LocalDate;

/** A disbursement was reversed: its amount counts as not disbursed again, in no year. */
public record DisbursementReversed(String fundId, String disbursementId, String amount, LocalDate disbursedOn, String reason)
    implements FundsEvent {
  @Override public String aggregateId() { return fundId; }
}
