package village.funds.fund;

/** Where committed money comes from. */
enum Source {
  SOCIAL_CAPITAL, FISCAL, VILLAGE_COLLECTIVE, BANK_LOAN, DONATION;

  static boolean isOne(String name) {
    for (Source s : values()) if (s.name().equals(name)) return true;
    return false;
  }
}
