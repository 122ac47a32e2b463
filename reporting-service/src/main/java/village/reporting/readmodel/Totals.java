package village.reporting.readmodel;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import village.events.vocabulary.FundSource;
import village.events.vocabulary.Industry;
import village.events.vocabulary.OrganizationType;
import village.events.vocabulary.ProjectStatus;
import village.events.vocabulary.ScaleUnit;

/**
 * Running sums the queries read, kept up to date by every applied event (an entity's old contribution is taken
 * away and its new one added), so a query sums at most one small record per village instead of scanning facts.
 */
final class Totals {
  /** Counts per constant of the shared vocabulary, indexed by ordinal. */
  static final int ORGANIZATION_TYPES = OrganizationType.values().length;
  static final int SOURCES = FundSource.values().length;
  static final int STATUSES = ProjectStatus.values().length;
  static final int INDUSTRIES = Industry.values().length;

  /** Sums for one village (or, for money not tied to a village, one township's "no village" bucket). */
  static final class Village {
    String township;
    long activePartnerships;
    final long[] activeByType = new long[ORGANIZATION_TYPES];
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

    void commit(FundSource source, long fen) {
      committed[source.ordinal()] = committed[source.ordinal()].add(BigInteger.valueOf(fen));
    }

    void disburse(FundSource source, long fen) {
      disbursed[source.ordinal()] = disbursed[source.ordinal()].add(BigInteger.valueOf(fen));
    }

    private static BigInteger[] zeros() {
      BigInteger[] a = new BigInteger[SOURCES];
      java.util.Arrays.fill(a, BigInteger.ZERO);
      return a;
    }
  }

  /** Projects of one township (by the township of a project's first village). */
  static final class Projects {
    long total;
    final long[] byStatus = new long[STATUSES];
    final long[] byIndustry = new long[INDUSTRIES];
    /** Quantity in thousandths per industry and unit, in the order of "INDUSTRY|UNIT". */
    final Map<Scale, Long> scaleMilli = new TreeMap<>();
  }

  /** An industry's scale in one unit. */
  record Scale(Industry industry, ScaleUnit unit) implements Comparable<Scale> {
    @Override public int compareTo(Scale o) {
      return (industry + "|" + unit).compareTo(o.industry + "|" + o.unit);
    }
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
