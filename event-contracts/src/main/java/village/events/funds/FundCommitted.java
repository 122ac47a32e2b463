package village.events.funds;

import java.time.LocalDate;

/**
 * Money committed. {@code source}: SOCIAL_CAPITAL, FISCAL, VILLAGE_COLLECTIVE, BANK_LOAN, DONATION.
 * {@code villageCode} and {@code township} are the village the money is for, if the fund names one (or the
 * first village of its project); {@code committedAmount}: yuan, decimal string with 2 decimals.
 */
public record FundCommitted(
    String fundId,
    String source,
    String investorOrganizationId,
    String projectId,
    String villageCode,
    String township,
    String committedAmount,
    LocalDate committedOn) implements FundsEvent {
  @Override public String aggregateId() { return fundId; }
}
