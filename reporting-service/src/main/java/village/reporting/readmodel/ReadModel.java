package village.reporting.readmodel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import village.contracts.Money;
import village.events.DomainEvent;
import village.events.EventEnvelope;
import village.events.funds.CollectiveIncomeReported;
import village.events.funds.DisbursementReversed;
import village.events.funds.FundCommitted;
import village.events.funds.FundDisbursed;
import village.events.partnership.NeedClaimed;
import village.events.partnership.NeedPosted;
import village.events.partnership.NeedReleased;
import village.events.partnership.NeedResolved;
import village.events.partnership.PartnershipEnded;
import village.events.partnership.PartnershipRegistered;
import village.events.partnership.VillageRegistered;
import village.events.project.ProjectRegistered;
import village.events.project.ProjectStatusChanged;
import village.events.funds.FundsEvent;
import village.events.partnership.OrganizationRegistered;
import village.events.partnership.PartnershipEvent;
import village.events.partnership.ResourceOffered;
import village.events.project.MilestoneCompleted;
import village.events.project.ProjectEvent;
import village.events.project.ProjectProgressReported;
import village.messaging.EventCodec.PoisonEvent;
import village.reporting.readmodel.Entities.Entity;

/**
 * The statistics read model in memory: one {@link Entities} record per source aggregate with the last applied
 * {@code sequence}, and the {@link Totals} they add up to. An event is first {@link #plan planned} (the aggregate's
 * new record, or nothing when it is not newer than what was applied — duplicates, replays and stale events change
 * nothing), the plan is persisted, then {@link #commit committed} here. Thread-safe: one writer, many readers.
 */
public final class ReadModel {
  /** The new record of one aggregate after an event. */
  public record Change(String key, long sequence, Entity entity) {}

  private final Map<String, Change> entities = new HashMap<>();
  private final Map<String, Entities.VillageEntry> register = new TreeMap<>();
  private final Map<String, Set<String>> projectsWaitingForVillage = new HashMap<>();
  private final Totals totals = new Totals();

  // ------------------------------------------------------------------------------------------------ writes

  /**
   * What {@code event} changes; empty when it changes nothing the statistics keep (a type they do not count, or a
   * sequence not newer than the one applied). A {@link PoisonEvent} when it lacks what it must carry.
   */
  public synchronized Optional<Change> plan(EventEnvelope<DomainEvent> event) {
    DomainEvent data = event.data();
    String key = keyOf(data);
    Change current = entities.get(key);
    if (current != null && current.sequence() >= event.sequence()) return Optional.empty();
    Entity before = current == null ? null : current.entity();
    Entity after = next(before, data);
    return Optional.of(new Change(key, event.sequence(), after));
  }

  /** Applies a planned change (again a no-op if a newer one for the same aggregate is already in). */
  public synchronized void commit(Change change) {
    Change current = entities.get(change.key());
    if (current != null && current.sequence() >= change.sequence()) return;
    Entity entity = change.entity();
    if (entity instanceof Entities.Project p && p.township() == null) {
      entity = p.withTownship(townshipOf(p.villageCodes().isEmpty() ? null : p.villageCodes().get(0)));
    }
    if (current != null) current.entity().contribute(totals, -1);
    entity.contribute(totals, +1);
    entities.put(change.key(), new Change(change.key(), change.sequence(), entity));
    learnTownships(entity);
    if (entity instanceof Entities.Project p && p.township() == null && !p.villageCodes().isEmpty()) {
      projectsWaitingForVillage.computeIfAbsent(p.villageCodes().get(0), k -> new HashSet<>()).add(change.key());
    }
  }

  /** The last applied sequence of the aggregate with this {@link #keyOf key}; 0 if none. */
  public synchronized long lastSequence(String key) {
    Change c = entities.get(key);
    return c == null ? 0 : c.sequence();
  }

  /**
   * Records that the aggregate's event {@code sequence} was passed without changing what it counts (it could not be
   * applied and was set aside), so its later events are not held behind it. Returns the change to store.
   */
  public synchronized Change pass(String key, long sequence) {
    Change current = entities.get(key);
    Change passed = new Change(key, sequence, current == null ? new Entities.Other() : current.entity());
    commit(passed);
    return entities.get(key);
  }

  /**
   * Throws a {@link PoisonEvent} when {@code data} lacks what it must carry whatever came before it (checked before an
   * event is held for a gap, so a broken event is set aside at once instead of after the wait).
   */
  public static void validate(DomainEvent data) {
    keyOf(data);
    next(null, data);
  }

  /** Everything forgotten (before a replay from the start of the topics). */
  public synchronized void clear() {
    entities.clear();
    register.clear();
    projectsWaitingForVillage.clear();
    totals.clear();
  }

  public synchronized int size() {
    return entities.size();
  }

  /** The read model's key of the event's aggregate ({@code kind:id}); an event of no producer's family is poison. */
  public static String keyOf(DomainEvent data) {
    String kind = switch (data) {
      case PartnershipEvent p -> switch (p) {
        case VillageRegistered _ -> "village";
        case PartnershipRegistered _, PartnershipEnded _ -> "partnership";
        case NeedPosted _, NeedClaimed _, NeedReleased _, NeedResolved _ -> "need";
        case OrganizationRegistered _, ResourceOffered _ -> "organization";
      };
      case ProjectEvent _ -> "project";
      case FundsEvent f -> switch (f) {
        case CollectiveIncomeReported _ -> "income";
        case FundCommitted _, FundDisbursed _, DisbursementReversed _ -> "fund";
      };
      default -> throw new PoisonEvent("event type " + data.type() + " belongs to no producer's family");
    };
    return kind + ":" + require(data.aggregateId(), "aggregateId");
  }

  /** The aggregate's entity after the event: an exhaustive switch per producer, so a new event type must be handled here. */
  private static Entity next(Entity before, DomainEvent data) {
    return switch (data) {
      case PartnershipEvent p -> partnership(before, p);
      case ProjectEvent p -> project(before, p);
      case FundsEvent f -> funds(before, f);
      default -> throw new PoisonEvent("event type " + data.type() + " belongs to no producer's family");
    };
  }

  private static Entity partnership(Entity before, PartnershipEvent data) {
    return switch (data) {
      case VillageRegistered v ->
          new Entities.VillageEntry(require(v.code(), "code"), v.name(), v.kind(), require(v.township(), "township"));
      case PartnershipRegistered p ->
          new Entities.Partnership(require(p.villageCode(), "villageCode"), p.township(), p.organizationType(), true);
      case PartnershipEnded p -> before instanceof Entities.Partnership old
          ? new Entities.Partnership(old.villageCode(), old.township(), old.organizationType(), false)
          : new Entities.Partnership(p.villageCode(), null, null, false);
      case NeedPosted n -> new Entities.Need(require(n.villageCode(), "villageCode"), n.township(), false, false);
      case NeedClaimed n -> {
        require(n.organizationId(), "organizationId");
        yield before instanceof Entities.Need old ? new Entities.Need(old.villageCode(), old.township(), old.resolved(), !old.resolved())
            : new Entities.Need(require(n.villageCode(), "villageCode"), n.township(), false, true);
      }
      case NeedReleased n -> before instanceof Entities.Need old
          ? new Entities.Need(old.villageCode(), old.township(), old.resolved(), false)
          : new Entities.Need(require(n.villageCode(), "villageCode"), null, false, false);
      case NeedResolved n -> before instanceof Entities.Need old
          ? new Entities.Need(old.villageCode(), old.township(), true, false)
          : new Entities.Need(require(n.villageCode(), "villageCode"), null, true, false);
      // organizations and their resources: nothing the statistics count changes
      case OrganizationRegistered _, ResourceOffered _ -> unchanged(before);
    };
  }

  private static Entity project(Entity before, ProjectEvent data) {
    return switch (data) {
      case ProjectRegistered p -> new Entities.Project(p.villageCodes() == null ? List.of() : List.copyOf(p.villageCodes()),
          require(p.industry(), "industry"), p.status() == null ? "PLANNED" : p.status(), milli(p.scaleQuantity()),
          p.scaleUnit(), null);
      case ProjectStatusChanged s -> before instanceof Entities.Project old ? old.withStatus(require(s.to(), "to"))
          : new Entities.Project(List.of(), "OTHER", require(s.to(), "to"), 0, null, null);
      // progress reports and milestones: nothing the statistics count changes
      case ProjectProgressReported _, MilestoneCompleted _ -> unchanged(before);
    };
  }

  private static Entity funds(Entity before, FundsEvent data) {
    return switch (data) {
      case FundCommitted f -> new Entities.Fund(require(f.source(), "source"), f.villageCode(), f.township(),
          fen(f.committedAmount(), "committedAmount"), require(f.committedOn(), "committedOn").getYear(),
          before instanceof Entities.Fund old ? old.disbursements() : Map.of());
      case FundDisbursed d -> {
        Entities.Fund old = before instanceof Entities.Fund f ? f : new Entities.Fund("", null, null, 0, 0, Map.of());
        Map<String, Entities.Disbursement> ds = new LinkedHashMap<>(old.disbursements());
        ds.put(require(d.disbursementId(), "disbursementId"), new Entities.Disbursement(fen(d.amount(), "amount"),
            require(d.disbursedOn(), "disbursedOn").getYear(), false));
        yield new Entities.Fund(old.source(), old.villageCode(), old.township(), old.committedFen(), old.committedYear(), ds);
      }
      case DisbursementReversed r -> {
        Entities.Fund old = before instanceof Entities.Fund f ? f : new Entities.Fund("", null, null, 0, 0, Map.of());
        Map<String, Entities.Disbursement> ds = new LinkedHashMap<>(old.disbursements());
        LocalDate on = r.disbursedOn() == null ? LocalDate.of(1970, 1, 1) : r.disbursedOn();
        ds.put(require(r.disbursementId(), "disbursementId"), new Entities.Disbursement(fen(r.amount(), "amount"), on.getYear(), true));
        yield new Entities.Fund(old.source(), old.villageCode(), old.township(), old.committedFen(), old.committedYear(), ds);
      }
      case CollectiveIncomeReported i ->
          new Entities.Income(require(i.villageCode(), "villageCode"), i.township(), i.year(), fen(i.amount(), "amount"));
    };
  }

  private static Entity unchanged(Entity before) {
    return before != null ? before : new Entities.Other();
  }

  private void learnTownships(Entity e) {
    if (e instanceof Entities.VillageEntry v) {
      register.put(v.code(), v);
      learn(v.code(), v.township());
    } else if (e instanceof Entities.Partnership p) {
      learn(p.villageCode(), p.township());
    } else if (e instanceof Entities.Need n) {
      learn(n.villageCode(), n.township());
    } else if (e instanceof Entities.Income i) {
      learn(i.villageCode(), i.township());
    } else if (e instanceof Entities.Fund f && f.villageCode() != null) {
      learn(f.villageCode(), f.township());
    }
  }

  /** The village's township is known now: projects that waited for it are counted under it. */
  private void learn(String code, String township) {
    if (code == null || township == null) return;
    Totals.Village v = totals.village(code);
    if (v.township == null) v.township = township;
    Set<String> waiting = projectsWaitingForVillage.remove(code);
    if (waiting == null) return;
    for (String key : waiting) {
      Change c = entities.get(key);
      if (!(c.entity() instanceof Entities.Project p) || p.township() != null) continue;
      p.contribute(totals, -1);
      Entities.Project resolved = p.withTownship(township);
      resolved.contribute(totals, +1);
      entities.put(key, new Change(key, c.sequence(), resolved));
    }
  }

  private String townshipOf(String code) {
    if (code == null) return null;
    Entities.VillageEntry v = register.get(code);
    if (v != null) return v.township();
    Totals.Village t = totals.villages.get(code);
    return t == null ? null : t.township;
  }

  private static <T> T require(T value, String field) {
    if (value == null) throw new PoisonEvent("missing field " + field);
    return value;
  }

  private static long fen(String yuan, String field) {
    try {
      return Money.ofYuan(require(yuan, field)).fen();
    } catch (Money.InvalidMoney e) {
      throw new PoisonEvent("bad amount in " + field + ": " + e.getMessage());
    }
  }

  private static long milli(BigDecimal quantity) {
    return quantity == null ? 0 : quantity.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
  }

  // ------------------------------------------------------------------------------------------------ queries

  /** The overview of API.md for one township (or the county when null) and year (all time when null). */
  public synchronized Map<String, Object> overview(String township, Integer year) {
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
    return f.toMap(incomeYear);
  }

  /** The county's roll-up: one overview per township, in name order. */
  public synchronized List<Map<String, Object>> townships(Integer year) {
    Set<String> names = new TreeSet<>();
    register.values().forEach(v -> { if (v.township() != null) names.add(v.township()); });
    totals.villages.forEach((k, v) -> { String t = bucketTownship(k, v); if (t != null && !t.isEmpty()) names.add(t); });
    totals.projects.keySet().forEach(t -> { if (!t.isEmpty()) names.add(t); });
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String t : names) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("township", t);
      row.putAll(overview(t, year));
      rows.add(row);
    }
    return rows;
  }

  /** One row per village (registered, or known from its events) of the township (or county). */
  public synchronized List<Map<String, Object>> villages(String township, Integer year) {
    Integer incomeYear = year != null ? year : latestIncomeYear(township);
    Set<String> codes = new TreeSet<>(register.keySet());
    totals.villages.keySet().stream().filter(k -> !k.startsWith("~")).forEach(codes::add);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String code : codes) {
      Entities.VillageEntry v = register.get(code);
      Totals.Village t = totals.villages.get(code);
      String vt = v != null ? v.township() : t == null ? null : t.township;
      if (!in(township, vt)) continue;
      Totals.Money money = t == null ? null : year == null ? t.allTime : t.byYear.get(year);
      Long income = t == null || incomeYear == null ? null : t.incomeFen.get(incomeYear);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("code", code);
      row.put("name", v == null ? null : v.name());
      row.put("township", vt);
      row.put("activePartnerships", t == null ? 0 : t.activePartnerships);
      row.put("resolvedNeeds", t == null ? 0 : t.needsResolved);
      row.put("projects", t == null ? 0 : t.projects);
      row.put("committed", yuan(money == null ? BigInteger.ZERO : sum(money.committed)));
      row.put("disbursed", yuan(money == null ? BigInteger.ZERO : sum(money.disbursed)));
      row.put("collectiveIncomeYear", income == null ? null : incomeYear);
      row.put("collectiveIncome", income == null ? null : yuan(income));
      rows.add(row);
    }
    return rows;
  }

  private Integer latestIncomeYear(String township) {
    Integer latest = null;
    for (Map.Entry<String, Totals.Village> e : totals.villages.entrySet()) {
      if (e.getValue().incomeFen.isEmpty() || !in(township, bucketTownship(e.getKey(), e.getValue()))) continue;
      int y = e.getValue().incomeFen.lastKey();
      if (latest == null || y > latest) latest = y;
    }
    return latest;
  }

  private String bucketTownship(String key, Totals.Village v) {
    if (key.startsWith("~")) return key.substring(1);
    Entities.VillageEntry r = register.get(key);
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
    final long[] activeByType = new long[Totals.ORGANIZATION_TYPES.length];
    long needsOpen;
    long needsClaimed;
    long needsResolved;
    long projects;
    final long[] byStatus = new long[Totals.STATUSES.length];
    final long[] byIndustry = new long[Totals.INDUSTRIES.length];
    final Map<String, Long> scale = new TreeMap<>();
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

    Map<String, Object> toMap(Integer incomeYear) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("villages", Map.of("total", villagesTotal, "covered", covered,
          "coverage", villagesTotal == 0 ? 0.0 : Math.round(covered * 10000.0 / villagesTotal) / 10000.0));
      o.put("partnerships", Map.of("active", active, "byOrganizationType", named(Totals.ORGANIZATION_TYPES, activeByType)));
      Map<String, Object> needs = new LinkedHashMap<>();
      needs.put("open", needsOpen);
      needs.put("claimed", needsClaimed);
      needs.put("resolved", needsResolved);
      o.put("needs", needs);
      o.put("projects", Map.of("total", projects, "byStatus", named(Totals.STATUSES, byStatus),
          "byIndustry", named(Totals.INDUSTRIES, byIndustry)));
      List<Map<String, Object>> scales = new ArrayList<>();
      scale.forEach((k, milli) -> {
        if (milli == 0) return;
        String[] parts = k.split("\\|");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("industry", parts[0]);
        row.put("unit", parts[1]);
        BigDecimal q = BigDecimal.valueOf(milli, 3).stripTrailingZeros();
        row.put("quantity", q.scale() < 0 ? q.setScale(0) : q);
        scales.add(row);
      });
      o.put("industryScale", scales);
      Map<String, Object> bySource = new LinkedHashMap<>();
      for (int i = 0; i < Totals.SOURCES.length; i++) {
        bySource.put(Totals.SOURCES[i], Map.of("committed", yuan(committed[i]), "disbursed", yuan(disbursed[i])));
      }
      Map<String, Object> investment = new LinkedHashMap<>();
      investment.put("committed", yuan(sum(committed)));
      investment.put("disbursed", yuan(sum(disbursed)));
      investment.put("bySource", bySource);
      o.put("investment", investment);
      Map<String, Object> income = new LinkedHashMap<>();
      income.put("year", incomeYear);
      income.put("total", yuan(incomeTotal));
      income.put("bands", Map.of("below200k", below200k, "from200kTo500k", from200kTo500k, "atLeast500k", atLeast500k));
      o.put("collectiveIncome", income);
      return o;
    }

    private static BigInteger[] zeros() {
      BigInteger[] a = new BigInteger[Totals.SOURCES.length];
      java.util.Arrays.fill(a, BigInteger.ZERO);
      return a;
    }

    private static Map<String, Long> named(String[] names, long[] values) {
      Map<String, Long> m = new LinkedHashMap<>();
      for (int i = 0; i < names.length; i++) m.put(names[i], values[i]);
      return m;
    }
  }
}
