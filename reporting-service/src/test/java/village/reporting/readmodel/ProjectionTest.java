package village.reporting.readmodel;

import static village.reporting.readmodel.QueriesAsJson.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
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
import village.messaging.EventCodec.PoisonEvent;

class ProjectionTest {
  static final String T = "城关镇";
  static final LocalDate D23 = LocalDate.of(2023, 3, 1);

  static EventEnvelope<DomainEvent> e(DomainEvent data, long seq) {
    return EventEnvelope.of(data, seq, Instant.parse("2023-06-01T00:00:00Z"), "test");
  }

  static void apply(Projection m, EventEnvelope<DomainEvent> e) {
    m.plan(e).ifPresent(m::commit);
  }

  /** A small township's history: villages, pairings, needs, projects, funds with a reversal, incomes. */
  static List<EventEnvelope<DomainEvent>> history() {
    List<EventEnvelope<DomainEvent>> h = new ArrayList<>();
    h.add(e(new VillageRegistered("CG001", "东关村", "VILLAGE", T, "安平县"), 1));
    h.add(e(new VillageRegistered("CG002", "西关村", "VILLAGE", T, "安平县"), 1));
    h.add(e(new VillageRegistered("XZ001", "西一村", "VILLAGE", "西镇", "安平县"), 1));
    h.add(e(new PartnershipRegistered("p1", "o1", "ENTERPRISE", "CG001", T, D23, List.of()), 1));
    h.add(e(new PartnershipRegistered("p2", "o2", "TOWNSHIP_AGENCY", "CG002", T, D23, List.of()), 1));
    h.add(e(new PartnershipEnded("p2", "o2", "CG002", LocalDate.of(2023, 9, 1), "done"), 2));
    h.add(e(new NeedPosted("n1", "CG001", T, "OTHER", "路"), 1));
    h.add(e(new NeedResolved("n1", "CG001", "p1", D23), 2));
    h.add(e(new NeedPosted("n2", "CG002", T, "OTHER", "水"), 1));
    h.add(e(new ProjectRegistered("j1", "红薯", "SWEET_POTATO", List.of("CG001", "CG002"), List.of(), null,
        new BigDecimal("30000"), "MU", "100.00", D23, null, "PLANNED", List.of()), 1));
    h.add(e(new ProjectStatusChanged("j1", "PLANNED", "APPROVED", null), 2));
    h.add(e(new ProjectStatusChanged("j1", "APPROVED", "IN_PROGRESS", null), 3));
    h.add(e(new village.events.project.ProjectProgressReported("j1", "r1", 40, D23, null), 4));
    h.add(e(new village.events.project.MilestoneCompleted("j1", "m1", D23), 5));
    h.add(e(new ProjectStatusChanged("j1", "IN_PROGRESS", "COMPLETED", null), 6));
    h.add(e(new ProjectRegistered("j2", "核桃", "WALNUT", List.of("CG002"), List.of(), null,
        new BigDecimal("20000.5"), "MU", "100.00", D23, null, "PLANNED", List.of()), 1));
    h.add(e(new ProjectStatusChanged("j2", "PLANNED", "CANCELLED", null), 2));
    h.add(e(new FundCommitted("f1", "SOCIAL_CAPITAL", "o1", null, "CG001", T, "1000.00", D23), 1));
    h.add(e(new FundDisbursed("f1", "d1", "300.00", LocalDate.of(2023, 4, 1)), 2));
    h.add(e(new FundDisbursed("f1", "d2", "200.00", LocalDate.of(2024, 1, 5)), 3));
    h.add(e(new DisbursementReversed("f1", "d1", "300.00", LocalDate.of(2023, 4, 1), "wrong"), 4));
    h.add(e(new FundCommitted("f2", "FISCAL", null, null, "CG002", T, "50.55", LocalDate.of(2022, 1, 1)), 1));
    h.add(e(new CollectiveIncomeReported("CG001", T, 2023, "199999.99"), 1));
    h.add(e(new CollectiveIncomeReported("CG002", T, 2023, "200000.00"), 1));
    h.add(e(new CollectiveIncomeReported("CG002", T, 2023, "500000.00"), 2));
    h.add(e(new CollectiveIncomeReported("XZ001", "西镇", 2023, "499999.99"), 1));
    return h;
  }

  /** The history with claims (认领): n3 claimed and still held; n4 claimed, released, claimed again and resolved. */
  static List<EventEnvelope<DomainEvent>> withClaims() {
    List<EventEnvelope<DomainEvent>> h = history();
    h.add(e(new NeedPosted("n3", "CG002", T, "INDUSTRY", "加工"), 1));
    h.add(e(new NeedClaimed("n3", "CG002", T, "INDUSTRY", "o1", 70, 0), 2));
    h.add(e(new NeedPosted("n4", "CG001", T, "INDUSTRY", "销路"), 1));
    h.add(e(new NeedClaimed("n4", "CG001", T, "INDUSTRY", "o1", 70, 0), 2));
    h.add(e(new NeedReleased("n4", "CG001", "o1", "人手不足"), 3));
    h.add(e(new NeedClaimed("n4", "CG001", T, "INDUSTRY", "o2", 40, 1), 4));
    h.add(e(new NeedResolved("n4", "CG001", "p1", D23), 5));
    return h;
  }

  static Projection model(List<EventEnvelope<DomainEvent>> events) {
    Projection m = new Projection();
    events.forEach(ev -> apply(m, ev));
    return m;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> sub(Map<String, Object> m, String k) {
    return (Map<String, Object>) m.get(k);
  }

  @Test
  void theFiguresFollowTheDefinitions() {
    Map<String, Object> o = overview(model(history()), T, 2023);
    assertThat(sub(o, "villages")).containsEntry("total", 2L).containsEntry("covered", 1L).containsEntry("coverage", new BigDecimal("0.5"));
    assertThat(sub(o, "partnerships")).containsEntry("active", 1L);
    assertThat(sub(sub(o, "partnerships"), "byOrganizationType")).containsEntry("ENTERPRISE", 1L).containsEntry("TOWNSHIP_AGENCY", 0L);
    assertThat(sub(o, "needs")).containsEntry("open", 1L).containsEntry("resolved", 1L);
    assertThat(sub(o, "projects")).containsEntry("total", 1L);
    assertThat(sub(sub(o, "projects"), "byStatus")).containsEntry("COMPLETED", 1L).containsEntry("CANCELLED", 1L);
    assertThat(sub(sub(o, "projects"), "byIndustry")).containsEntry("SWEET_POTATO", 1L).containsEntry("OTHER", 0L);
    assertThat(o.get("industryScale").toString()).contains("SWEET_POTATO").doesNotContain("WALNUT");
    Map<String, Object> inv = sub(o, "investment");
    assertThat(inv).containsEntry("committed", "1000.00").containsEntry("disbursed", "0.00"); // 2023: d1 reversed, d2 in 2024
    Map<String, Object> income = sub(o, "collectiveIncome");
    assertThat(income).containsEntry("year", 2023L).containsEntry("total", "699999.99");
    assertThat(sub(income, "bands")).containsEntry("below200k", 1L).containsEntry("from200kTo500k", 0L).containsEntry("atLeast500k", 1L);

    Map<String, Object> allTime = overview(model(history()), T, null);
    assertThat(sub(allTime, "investment")).containsEntry("committed", "1050.55").containsEntry("disbursed", "200.00");
    Map<String, Object> county = overview(model(history()), null, 2023);
    assertThat(sub(sub(county, "collectiveIncome"), "bands")).containsEntry("from200kTo500k", 1L);
    assertThat(sub(county, "villages")).containsEntry("total", 3L);
  }

  /** Whole aggregates' streams shuffled against each other, each aggregate's own order kept. */
  static List<EventEnvelope<DomainEvent>> interleaved(List<EventEnvelope<DomainEvent>> h, Random random) {
    Map<String, List<EventEnvelope<DomainEvent>>> byAggregate = new java.util.LinkedHashMap<>();
    h.forEach(ev -> byAggregate.computeIfAbsent(Projection.keyOf(ev), k -> new ArrayList<>()).add(ev));
    List<List<EventEnvelope<DomainEvent>>> queues = new ArrayList<>(byAggregate.values().stream().map(ArrayList::new).toList());
    List<EventEnvelope<DomainEvent>> mixed = new ArrayList<>();
    while (!queues.isEmpty()) {
      int i = random.nextInt(queues.size());
      mixed.add(queues.get(i).remove(0));
      if (queues.get(i).isEmpty()) queues.remove(i);
    }
    return mixed;
  }

  @Test
  void duplicatesReplaysAndAnyInterleavingOfAggregatesGiveTheSameNumbers() {
    List<EventEnvelope<DomainEvent>> h = history();
    Map<String, Object> expected = overview(model(h), null, null);
    List<EventEnvelope<DomainEvent>> doubled = new ArrayList<>(h);
    doubled.addAll(h);
    assertThat(overview(model(doubled), null, null)).isEqualTo(expected);
    Random random = new Random(7);
    for (int run = 0; run < 50; run++) {
      List<EventEnvelope<DomainEvent>> mixed = interleaved(h, random);
      assertThat(overview(model(mixed), null, null)).isEqualTo(expected);
      assertThat(villages(model(mixed), T, 2023)).isEqualTo(villages(model(h), T, 2023));
    }
  }

  @Test
  void aClaimedNeedIsStillOpenAndCountsAsClaimedUntilReleasedOrResolved() {
    Projection m = new Projection();
    apply(m, e(new VillageRegistered("CG001", "东关村", "VILLAGE", T, "安平县"), 1));
    apply(m, e(new NeedPosted("n", "CG001", T, "INDUSTRY", "加工"), 1));
    assertThat(sub(overview(m, T, null), "needs")).containsEntry("open", 1L).containsEntry("claimed", 0L).containsEntry("resolved", 0L);
    apply(m, e(new NeedClaimed("n", "CG001", T, "INDUSTRY", "o1", 70, 0), 2));
    assertThat(sub(overview(m, T, null), "needs")).containsEntry("open", 1L).containsEntry("claimed", 1L);
    apply(m, e(new NeedClaimed("n", "CG001", T, "INDUSTRY", "o1", 70, 0), 2)); // redelivered
    assertThat(sub(overview(m, null, null), "needs")).containsEntry("claimed", 1L);
    apply(m, e(new NeedReleased("n", "CG001", "o1", null), 3));
    assertThat(sub(overview(m, T, null), "needs")).containsEntry("open", 1L).containsEntry("claimed", 0L);
    apply(m, e(new NeedClaimed("n", "CG001", T, "INDUSTRY", "o2", 40, 0), 4));
    assertThat(sub(overview(m, T, null), "needs")).containsEntry("claimed", 1L);
    apply(m, e(new NeedResolved("n", "CG001", "p1", D23), 5));
    assertThat(sub(overview(m, T, null), "needs")).containsEntry("open", 0L).containsEntry("claimed", 0L).containsEntry("resolved", 1L);
    apply(m, e(new NeedClaimed("n", "CG001", T, "INDUSTRY", "o2", 40, 0), 4)); // stale
    assertThat(sub(overview(m, T, null), "needs")).containsEntry("claimed", 0L).containsEntry("resolved", 1L);

    Map<String, Object> withClaims = overview(model(withClaims()), T, null);
    assertThat(sub(withClaims, "needs")).containsEntry("open", 2L).containsEntry("claimed", 1L).containsEntry("resolved", 2L);
    assertThatThrownBy(() -> Projection.validate(new NeedClaimed("n", null, T, "INDUSTRY", "o1", 0, 0))).isInstanceOf(PoisonEvent.class);
    assertThatThrownBy(() -> Projection.validate(new NeedClaimed("n", "CG001", T, "INDUSTRY", null, 0, 0))).isInstanceOf(PoisonEvent.class);
  }

  @Test
  void claimsGiveTheSameNumbersInAnyInterleavingAndAfterAReload() {
    List<EventEnvelope<DomainEvent>> h = withClaims();
    Map<String, Object> expected = overview(model(h), null, null);
    Random random = new Random(11);
    for (int run = 0; run < 30; run++) {
      List<EventEnvelope<DomainEvent>> mixed = interleaved(h, random);
      mixed.addAll(h.subList(0, h.size() / 2)); // and duplicates
      assertThat(overview(model(mixed), null, null)).isEqualTo(expected);
    }
    Projection m = new Projection();
    List<Projection.Change> stored = new ArrayList<>();
    for (var ev : h) m.plan(ev).ifPresent(c -> {
      m.commit(c);
      stored.removeIf(s -> s.key().equals(c.key()));
      stored.add(ProjectionStore.fromDocument(ProjectionStore.toDocument(c)));
    });
    Projection reloaded = new Projection();
    stored.forEach(reloaded::commit);
    assertThat(overview(reloaded, null, null)).isEqualTo(expected);
  }

  @Test
  void aStaleEventNeverOverwritesNewerState() {
    Projection m = model(history());
    apply(m, e(new PartnershipRegistered("p2", "o2", "TOWNSHIP_AGENCY", "CG002", T, D23, List.of()), 1)); // redelivered
    apply(m, e(new CollectiveIncomeReported("CG002", T, 2023, "1.00"), 1)); // the older report
    Map<String, Object> o = overview(m, T, 2023);
    assertThat(sub(o, "partnerships")).containsEntry("active", 1L);
    assertThat(sub(o, "collectiveIncome")).containsEntry("total", "699999.99");
  }

  @Test
  void aProjectWhoseVillageIsRegisteredLaterCountsForItsTownshipThen() {
    Projection m = new Projection();
    apply(m, e(new ProjectRegistered("j9", "菌", "EDIBLE_FUNGI", List.of("ZZ001"), List.of(), null,
        new BigDecimal("8000000"), "STICK", "1.00", D23, null, "PLANNED", List.of()), 1));
    assertThat(sub(overview(m, "张镇", null), "projects")).containsEntry("total", 0L);
    assertThat(sub(overview(m, null, null), "projects")).containsEntry("total", 1L);
    apply(m, e(new VillageRegistered("ZZ001", "张一村", "VILLAGE", "张镇", "安平县"), 1));
    assertThat(sub(overview(m, "张镇", null), "projects")).containsEntry("total", 1L);
    assertThat(sub(overview(m, null, null), "projects")).containsEntry("total", 1L);
  }

  @Test
  void eventsMissingWhatTheyMustCarryArePoison() {
    Projection m = new Projection();
    assertThatThrownBy(() -> m.plan(e(new FundDisbursed("f", "d", null, D23), 2))).isInstanceOf(PoisonEvent.class);
    assertThatThrownBy(() -> m.plan(e(new FundCommitted("f", "FISCAL", null, null, "CG001", T, "1.234", D23), 1)))
        .isInstanceOf(PoisonEvent.class);
  }

  @Test
  void whatIsStoredLoadsBackToTheSameNumbers() {
    Projection m = new Projection();
    List<Projection.Change> stored = new ArrayList<>();
    for (var ev : history()) m.plan(ev).ifPresent(c -> {
      m.commit(c);
      stored.removeIf(s -> s.key().equals(c.key()));
      stored.add(ProjectionStore.fromDocument(ProjectionStore.toDocument(c)));
    });
    Collections.reverse(stored);
    Projection reloaded = new Projection();
    stored.forEach(reloaded::commit);
    assertThat(overview(reloaded, null, null)).isEqualTo(overview(m, null, null));
    assertThat(overview(reloaded, T, 2023)).isEqualTo(overview(m, T, 2023));
  }

  @Test
  void aPassedSequenceAdvancesTheAggregateWithoutChangingTheFigures() {
    Projection m = model(history());
    Map<String, Object> before = overview(m, null, null);
    String key = Projection.keyOf(e(new FundDisbursed("f1", "x", "1.00", D23), 1));
    long last = m.lastSequence(key);
    assertThat(last).isPositive();
    Projection.Change passed = m.pass(key, last + 1);
    assertThat(passed.sequence()).isEqualTo(last + 1);
    assertThat(m.lastSequence(key)).isEqualTo(last + 1);
    assertThat(overview(m, null, null)).isEqualTo(before);
    assertThat(m.lastSequence("fund:never-seen")).isZero();
  }

  @Test
  void validationRefusesWhatIsBrokenWhateverCameBefore() {
    assertThatThrownBy(() -> Projection.validate(new FundDisbursed("f", "d", null, D23))).isInstanceOf(PoisonEvent.class);
    assertThatThrownBy(() -> Projection.validate(new FundCommitted("f", null, null, null, "CG001", T, "1.00", D23)))
        .isInstanceOf(PoisonEvent.class);
    Projection.validate(new FundDisbursed("f", "d", "1.00", D23)); // fine, whatever the fund's state
    Projection.validate(new PartnershipEnded("p", "o", "CG001", D23, "done"));
  }

  /** A value the shared vocabulary does not know is poison (dead-lettered by the consumer), never counted as nothing. */
  @Test
  void anUnknownValueOfTheVocabularyIsPoisonNotASilentZero() {
    Projection m = model(history());
    Map<String, Object> before = overview(m, null, null);
    List<DomainEvent> unknown = List.of(
        new FundCommitted("f9", "LOTTERY", null, null, "CG001", T, "1.00", D23),
        new PartnershipRegistered("p9", "o9", "SECRET_SOCIETY", "CG001", T, D23, List.of()),
        new ProjectRegistered("j9", "太空农场", "SPACE_FARMING", List.of("CG001"), List.of(), null, new BigDecimal("1"), "MU",
            "1.00", D23, null, "PLANNED", List.of()),
        new ProjectRegistered("j9", "红薯", "SWEET_POTATO", List.of("CG001"), List.of(), null, new BigDecimal("1"), "HECTARE",
            "1.00", D23, null, "PLANNED", List.of()),
        new ProjectStatusChanged("j1", "COMPLETED", "ARCHIVED", null),
        new NeedPosted("n9", "CG001", T, "MAGIC", "求雨"),
        new VillageRegistered("CG009", "新村", "HAMLET", T, "安平县"));
    for (DomainEvent event : unknown) {
      assertThatThrownBy(() -> m.plan(e(event, 99))).as(event.toString()).isInstanceOf(PoisonEvent.class)
          .hasMessageContaining("unknown");
      assertThatThrownBy(() -> Projection.validate(event)).isInstanceOf(PoisonEvent.class);
    }
    assertThat(overview(m, null, null)).isEqualTo(before);
  }
}
