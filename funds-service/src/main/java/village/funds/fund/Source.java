package village.funds.fund;

/** Where committed money comes from. */
enum Source {
  SOCIAL_CAPITAL, FISCAL, VILLAGE_COLLECTIVE, BANK_LOAN, DONATION
}
