package village.reporting.readmodel;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import village.contracts.Money;
import village.events.DomainEvent;
import village.events.EventEnvelope;
import village.events.vocabulary.Category;
import village.events.vocabulary.FundSource;
import village.events.vocabulary.Industry;
import village.events.vocabulary.OrganizationType;
import village.events.vocabulary.ProjectStatus;
import village.events.vocabulary.ScaleUnit;
import village.events.vocabulary.VillageKind;
import village.events.vocabulary.Vocabulary;
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
 * The statistics read model's projection in memory: one {@link Entities} record per source aggregate with the last
 * applied {@code sequence}, and the {@link Totals} they add up to. An event is first {@link #plan planned} (the
 * aggregate's new record, or nothing when it is not newer than what was applied — duplicates, replays and stale events
 * change nothing), the plan is persisted, then {@link #commit committed} here. It answers no questions:
 * {@link StatsQueries} reads it. Thread-safe: one writer, many readers (both lock the projection).
 *
 * <p>An enumerated value (a fund's source, a project's industry, status or unit, an organization's type, a category)
 * that is not in the shared {@link Vocabulary} makes the event a {@link PoisonEvent}: it is dead-lettered, never
 * counted as nothing.
 */
public final class Projection {
  /** The new record of one aggregate after an event. */
  public record Change(String key, long sequence, Entity entity) {}

  private final Map<String, Change> entities = new HashMap<>();
  private final Map<String, Entities.VillageEntry> register = new TreeMap<>();
  private final Map<String, Set<String>> projectsWaitingForVillage = new HashMap<>();
  private final Totals totals = new Totals();

  /**
   * What {@code event} changes; empty when it changes nothing the statistics keep (a type they do not count, or a
   * sequence not newer than the one applied). A {@link PoisonEvent} when it lacks what it must carry.
   */
  public synchronized Optional<Change> plan(EventEnvelope<DomainEvent> event) {
    DomainEvent data = event.data();
    String key = keyOf(event);
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
    next(null, data);
  }

  /** Everything forgotten (before a replay from the start of the topics). */
  public synchronized void clear() {
    entities.clear();
    register.clear();
    projectsWaitingForVillage.clear();
    totals.clear();
  }

  /** The running sums, for {@link StatsQueries} (which holds this projection's lock while it reads them). */
  Totals totals() {
    return totals;
  }

  /** The registered villages by code, in code order (read under the lock, like {@link #totals()}). */
  Map<String, Entities.VillageEntry> register() {
    return register;
  }

  public synchronized int size() {
    return entities.size();
  }

  /**
   * The read model's key of the event's aggregate ({@code kind:id}), from the envelope's {@code aggregateType} (the
   * kinds are the ones the stored projections are keyed by, so a stored read model stays valid).
   */
  public static String keyOf(EventEnvelope<? extends DomainEvent> event) {
    String kind = switch (require(event.aggregateType(), "aggregateType")) {
      case VILLAGE -> "village";
      case ORGANIZATION -> "organization";
      case PARTNERSHIP -> "partnership";
      case NEED -> "need";
      case PROJECT -> "project";
      case FUND -> "fund";
      case COLLECTIVE_INCOME -> "income";
    };
    return kind + ":" + require(event.aggregateId(), "aggregateId");
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
      case VillageRegistered v -> {
        optional(VillageKind.class, v.kind(), "kind");
        yield new Entities.VillageEntry(require(v.code(), "code"), v.name(), v.kind(), require(v.township(), "township"));
      }
      case PartnershipRegistered p ->
          new Entities.Partnership(require(p.villageCode(), "villageCode"), p.township(),
              optional(OrganizationType.class, p.organizationType(), "organizationType"), true);
      case PartnershipEnded p -> before instanceof Entities.Partnership old
          ? new Entities.Partnership(old.villageCode(), old.township(), old.organizationType(), false)
          : new Entities.Partnership(p.villageCode(), null, null, false);
      case NeedPosted n -> {
        optional(Category.class, n.category(), "category");
        yield new Entities.Need(require(n.villageCode(), "villageCode"), n.township(), false, false);
      }
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
      case OrganizationRegistered o -> {
        optional(OrganizationType.class, o.organizationType(), "organizationType");
        yield unchanged(before);
      }
      case ResourceOffered r -> {
        optional(Category.class, r.category(), "category");
        yield unchanged(before);
      }
    };
  }

  private static Entity project(Entity before, ProjectEvent data) {
    return switch (data) {
      case ProjectRegistered p -> new Entities.Project(p.villageCodes() == null ? List.of() : List.copyOf(p.villageCodes()),
          required(Industry.class, p.industry(), "industry"),
          p.status() == null ? ProjectStatus.PLANNED : required(ProjectStatus.class, p.status(), "status"),
          milli(p.scaleQuantity()), optional(ScaleUnit.class, p.scaleUnit(), "scaleUnit"), null);
      case ProjectStatusChanged s -> {
        optional(ProjectStatus.class, s.from(), "from");
        ProjectStatus to = required(ProjectStatus.class, s.to(), "to");
        yield before instanceof Entities.Project old ? old.withStatus(to)
            : new Entities.Project(List.of(), Industry.OTHER, to, 0, null, null);
      }
      // progress reports and milestones: nothing the statistics count changes
      case ProjectProgressReported _, MilestoneCompleted _ -> unchanged(before);
    };
  }

  private static Entity funds(Entity before, FundsEvent data) {
    return switch (data) {
      case FundCommitted f -> new Entities.Fund(required(FundSource.class, f.source(), "source"), f.villageCode(), f.township(),
          fen(f.committedAmount(), "committedAmount"), require(f.committedOn(), "committedOn").getYear(),
          before instanceof Entities.Fund old ? old.disbursements() : Map.of());
      case FundDisbursed d -> {
        Entities.Fund old = before instanceof Entities.Fund f ? f : new Entities.Fund(null, null, null, 0, 0, Map.of());
        Map<String, Entities.Disbursement> ds = new LinkedHashMap<>(old.disbursements());
        ds.put(require(d.disbursementId(), "disbursementId"), new Entities.Disbursement(fen(d.amount(), "amount"),
            require(d.disbursedOn(), "disbursedOn").getYear(), false));
        yield new Entities.Fund(old.source(), old.villageCode(), old.township(), old.committedFen(), old.committedYear(), ds);
      }
      case DisbursementReversed r -> {
        Entities.Fund old = before instanceof Entities.Fund f ? f : new Entities.Fund(null, null, null, 0, 0, Map.of());
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

  /** The vocabulary's constant for a value the event must carry; poison when it is missing or unknown. */
  private static <E extends Enum<E>> E required(Class<E> type, String value, String field) {
    return optional(type, require(value, field), field);
  }

  /** The vocabulary's constant, null for none; poison for a value the vocabulary does not know. */
  private static <E extends Enum<E>> E optional(Class<E> type, String value, String field) {
    if (value == null) return null;
    return Vocabulary.parse(type, value).orElseThrow(() ->
        new PoisonEvent("unknown " + field + " " + value + " (not one of " + java.util.Arrays.toString(type.getEnumConstants()) + ")"));
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
}
