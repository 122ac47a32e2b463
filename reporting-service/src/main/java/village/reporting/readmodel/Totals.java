package village.reporting.readmodel;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Running sums the queries read, kept up to date by every applied event (an entity's old contribution is taken
 * away and its new one added), so a query sums at most one small record per village instead of scanning facts.
 */
final class Totals {
  static final String[] ORGANIZATION_TYPES = {"TOWNSHIP_AGENCY", "PUBLIC_INSTITUTION", "ENTERPRISE", "SOCIAL_ORGANIZATION"};
  static final String[] SOURCES = {"SOCIAL_CAPITAL", "FISCAL", "VILLAGE_COLLECTIVE", "BANK_LOAN", "DONATION"};
  static final String[] STATUSES = {"PLANNED", "APPROVED", "IN_PROGRESS", "SUSPENDED", "COMPLETED", "CANCELLED"};
  static final String[] INDUSTRIES = {"SWEET_POTATO", "FRESH_FRUIT", "VEGETABLES", "WALNUT", "EDIBLE_FUNGI", "OTHER"};

  static int index(String[] values, String value) {
    for (int i = 0; i < values.length; i++) if (values[i].equals(value)) return i;
    return -1;
  }

  /** Sums for one village (or, for money not tied to a village, one township's "no village" bucket). */
  static final class Village {
    String township;
    long activePartnerships;
    final long[] activeByType = new long[ORGANIZATION_TYPES.length];
    long needsOpen;
    long needsClaimed;
    long needsResolved;
    long projects;
    final Money allTime = new Money();
    final Map<Integer, Money> byYear = new HashMap<>();
    final TreeMap<Integer, Long> incomeFen = new TreeMap<>();

    Money year(int year) {
      return byYear.computeIfAbsent(year, y -> new Money());
    }
  }

  /**
   * Committed and disbursed fen per source. Unbounded integers: one amount is at most 10^12 yuan, but a sum of many has
   * no limit, and every query must still answer (a long of fen would overflow after 92,233 such amounts).
   */
  static final class Money {
    final BigInteger[] committed = zeros();
    final BigInteger[] disbursed = zeros();

    void commit(int source, long fen) {
      committed[source] = committed[source].add(BigInteger.valueOf(fen));
    }

    void disburse(int source, long fen) {
      disbursed[source] = disbursed[source].add(BigInteger.valueOf(fen));
    }

    private static BigInteger[] zeros() {
      BigInteger[] a = new BigInteger[SOURCES.length];
      java.util.Arrays.fill(a, BigInteger.ZERO);
      return a;
    }
  }

  /** Projects of one township (by the township of a project's first village). */
  static final class Projects {
    long total;
    final long[] byStatus = new long[STATUSES.length];
    final long[] byIndustry = new long[INDUSTRIES.length];
    /** "INDUSTRY|UNIT" → quantity in thousandths. */
    final Map<String, Long> scaleMilli = new TreeMap<>();
  }

  final Map<String, Village> villages = new HashMap<>();
  final Map<String, Projects> projects = new HashMap<>();

  Village village(String key) {
    return villages.computeIfAbsent(key, k -> new Village());
  }

  Projects projects(String township) {
    return projects.computeIfAbsent(township == null ? "" : township, k -> new Projects());
  }

  void clear() {
    villages.clear();
    projects.clear();
  }
}
