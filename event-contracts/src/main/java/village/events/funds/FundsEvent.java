package village.events.funds;

import village.events.AggregateType;
import village.events.DomainEvent;

/**
 * The events funds-service publishes (funds, disbursements and collective income). Sealed: a consumer's {@code
 * switch} over it is exhaustive, so a new event type that a consumer does not handle fails that consumer's build
 * ({@link village.events.EventTypes} lists the permitted records).
 */
public sealed interface FundsEvent extends DomainEvent
    permits CollectiveIncomeReported, DisbursementReversed, FundCommitted, FundDisbursed {
  @Override
  default AggregateType aggregateType() {
    return switch (this) {
      case FundCommitted _, FundDisbursed _, DisbursementReversed _ -> AggregateType.FUND;
      case CollectiveIncomeReported _ -> AggregateType.COLLECTIVE_INCOME;
    };
  }
}
