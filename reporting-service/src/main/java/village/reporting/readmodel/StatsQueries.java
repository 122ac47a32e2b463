package village.reporting.readmodel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import village.events.vocabulary.FundSource;
import village.events.vocabulary.Industry;
import village.events.vocabulary.OrganizationType;
import village.events.vocabulary.ProjectStatus;

/**
 * The questions the statistics answer, read from a {@link Projection}'s running sums under its lock: the overview of a
 * township (or the county), the county's roll-up per township, and one row per village. Answers are records.
 */
public final class StatsQueries {
  private final Projection projection;

  public StatsQueries(Projection projection) {
    this.projection = projection;
  }

  /** The overview of API.md for one township (or the county when null) and year (all time when null). */
  public Overview overview(String township, Integer year) {
    synchronized (projection) {
      Totals totals = projection.totals();
      Map<String, Entities.VillageEntry> register = projection.register();
      Figures f = new Figures();
      for (Map.Entry<String, Totals.Village> e : totals.villages.entrySet()) {
        if (in(township, bucketTownship(e.getKey(), e.getValue()))) f.add(e.getValue(), year);
      }
      for (Entities.VillageEntry v : register.values()) {
        if (!in(township, v.township())) continue;
        f.villagesTotal++;
        Totals.Village t = totals.villages.get(v.code());
        if (t != null && t.activePartnerships > 0) f.covered++;
      }
      for (Map.Entry<String, Totals.Projects> e : totals.projects.entrySet()) {
        if (township == null || township.equals(e.getKey())) f.add(e.getValue());
      }
      Integer incomeYear = year != null ? year : latestIncomeYear(township);
      if (incomeYear != null) {
        for (Map.Entry<String, Totals.Village> e : totals.villages.entrySet()) {
          if (in(township, bucketTownship(e.getKey(), e.getValue()))) f.income(e.getValue().incomeFen.get(incomeYear));
        }
      }
      return f.overview(incomeYear);
    }
  }

  /** The county's roll-up: one overview per township, in name order. */
  public List<TownshipFigures> townships(Integer year) {
    synchronized (projection) {
      Totals totals = projection.totals();
      Set<String> names = new TreeSet<>();
      projection.register().values().forEach(v -> { if (v.township() != null) names.add(v.township()); });
      totals.villages.forEach((k, v) -> { String t = bucketTownship(k, v); if (t != null && !t.isEmpty()) names.add(t); });
      totals.projects.keySet().forEach(t -> { if (!t.isEmpty()) names.add(t); });
      List<TownshipFigures> rows = new ArrayList<>();
      for (String t : names) rows.add(new TownshipFigures(t, overview(t, year)));
      return rows;
    }
  }

  /** One row per village (registered, or known from its events) of the township (or county), in code order. */
  public List<VillageFigures> villages(String township, Integer year) {
    synchronized (projection) {
      Totals totals = projection.totals();
      Map<String, Entities.VillageEntry> register = projection.register();
      Integer incomeYear = year != null ? year : latestIncomeYear(township);
      Set<String> codes = new TreeSet<>(register.keySet());
      totals.villages.keySet().stream().filter(k -> !k.startsWith("~")).forEach(codes::add);
      List<VillageFigures> rows = new ArrayList<>();
      for (String code : codes) {
        Entities.VillageEntry v = register.get(code);
        Totals.Village t = totals.villages.get(code);
        String vt = v != null ? v.township() : t == null ? null : t.township;
        if (!in(township, vt)) continue;
        Totals.Money money = t == null ? null : year == null ? t.allTime : t.byYear.get(year);
        Long income = t == null || incomeYear == null ? null : t.incomeFen.get(incomeYear);
        rows.add(new VillageFigures(code, v == null ? null : v.name(), vt, t == null ? 0 : t.activePartnerships,
            t == null ? 0 : t.needsResolved, t == null ? 0 : t.projects,
            yuan(money == null ? BigInteger.ZERO : sum(money.committed)),
            yuan(money == null ? BigInteger.ZERO : sum(money.disbursed)),
            income == null ? null : incomeYear, income == null ? null : yuan(income)));
      }
      return rows;
    }
  }

  private Integer latestIncomeYear(String township) {
    Integer latest = null;
    for (Map.Entry<String, Totals.Village> e : projection.totals().villages.entrySet()) {
      if (e.getValue().incomeFen.isEmpty() || !in(township, bucketTownship(e.getKey(), e.getValue()))) continue;
      int y = e.getValue().incomeFen.lastKey();
      if (latest == null || y > latest) latest = y;
    }
    return latest;
  }

  private String bucketTownship(String key, Totals.Village v) {
    if (key.startsWith("~")) return key.substring(1);
    Entities.VillageEntry r = projection.register().get(key);
    return r != null ? r.township() : v.township;
  }

  private static boolean in(String wanted, String township) {
    return wanted == null || wanted.equals(township);
  }

  /** Fen as a decimal string of yuan with two decimals; any size (a sum is not bounded like one amount). */
  static String yuan(long fen) {
    return yuan(BigInteger.valueOf(fen));
  }

  static String yuan(BigInteger fen) {
    return new BigDecimal(fen, 2).toPlainString();
  }

  private static BigInteger sum(BigInteger[] values) {
    BigInteger s = BigInteger.ZERO;
    for (BigInteger v : values) s = s.add(v);
    return s;
  }

  /** Accumulates the figures of one overview. */
  private static final class Figures {
    long villagesTotal;
    long covered;
    long active;
    final long[] activeByType = new long[Totals.ORGANIZATION_TYPES];
    long needsOpen;
    long needsClaimed;
    long needsResolved;
    long projects;
    final long[] byStatus = new long[Totals.STATUSES];
    final long[] byIndustry = new long[Totals.INDUSTRIES];
    final Map<Totals.Scale, Long> scale = new TreeMap<>();
    final BigInteger[] committed = zeros();
    final BigInteger[] disbursed = zeros();
    BigInteger incomeTotal = BigInteger.ZERO;
    long below200k;
    long from200kTo500k;
    long atLeast500k;

    void add(Totals.Village v, Integer year) {
      active += v.activePartnerships;
      for (int i = 0; i < activeByType.length; i++) activeByType[i] += v.activeByType[i];
      needsOpen += v.needsOpen;
      needsClaimed += v.needsClaimed;
      needsResolved += v.needsResolved;
      Totals.Money m = year == null ? v.allTime : v.byYear.get(year);
      if (m != null) {
        for (int i = 0; i < committed.length; i++) {
          committed[i] = committed[i].add(m.committed[i]);
          disbursed[i] = disbursed[i].add(m.disbursed[i]);
        }
      }
    }

    void add(Totals.Projects p) {
      projects += p.total;
      for (int i = 0; i < byStatus.length; i++) byStatus[i] += p.byStatus[i];
      for (int i = 0; i < byIndustry.length; i++) byIndustry[i] += p.byIndustry[i];
      p.scaleMilli.forEach((k, v) -> scale.merge(k, v, Long::sum));
    }

    void income(Long fen) {
      if (fen == null) return;
      incomeTotal = incomeTotal.add(BigInteger.valueOf(fen));
      if (fen >= 500_000_00L) atLeast500k++;
      else if (fen >= 200_000_00L) from200kTo500k++;
      else below200k++;
    }

    Overview overview(Integer incomeYear) {
      List<Overview.Scale> scales = new ArrayList<>();
      scale.forEach((k, milli) -> {
        if (milli == 0) return;
        BigDecimal q = BigDecimal.valueOf(milli, 3).stripTrailingZeros();
        scales.add(new Overview.Scale(k.industry(), k.unit(), q.scale() < 0 ? q.setScale(0) : q));
      });
      Map<FundSource, Overview.Amounts> bySource = new EnumMap<>(FundSource.class);
      for (FundSource s : FundSource.values()) {
        bySource.put(s, new Overview.Amounts(yuan(committed[s.ordinal()]), yuan(disbursed[s.ordinal()])));
      }
      return new Overview(
          new Overview.Villages(villagesTotal, covered,
              villagesTotal == 0 ? 0.0 : Math.round(covered * 10000.0 / villagesTotal) / 10000.0),
          new Overview.Partnerships(active, counts(OrganizationType.class, activeByType)),
          new Overview.Needs(needsOpen, needsClaimed, needsResolved),
          new Overview.Projects(projects, counts(ProjectStatus.class, byStatus), counts(Industry.class, byIndustry)),
          scales,
          new Overview.Investment(yuan(sum(committed)), yuan(sum(disbursed)), bySource),
          new Overview.CollectiveIncome(incomeYear, yuan(incomeTotal),
              new Overview.Bands(below200k, from200kTo500k, atLeast500k)));
    }

    private static BigInteger[] zeros() {
      BigInteger[] a = new BigInteger[Totals.SOURCES];
      java.util.Arrays.fill(a, BigInteger.ZERO);
      return a;
    }

    private static <E extends Enum<E>> Map<E, Long> counts(Class<E> type, long[] values) {
      Map<E, Long> m = new EnumMap<>(type);
      for (E e : type.getEnumConstants()) m.put(e, values[e.ordinal()]);
      return m;
    }
  }
}
