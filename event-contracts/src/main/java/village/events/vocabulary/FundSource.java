package village.events.vocabulary;

/** Where committed money comes from ({@code FundCommitted.source}). */
public enum FundSource {
  SOCIAL_CAPITAL, FISCAL, VILLAGE_COLLECTIVE, BANK_LOAN, DONATION
}
