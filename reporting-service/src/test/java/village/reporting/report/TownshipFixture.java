package village.reporting.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import village.events.DomainEvent;
import village.events.EventEnvelope;
import village.events.funds.CollectiveIncomeReported;
import village.events.funds.FundCommitted;
import village.events.partnership.NeedPosted;
import village.events.partnership.NeedResolved;
import village.events.partnership.PartnershipRegistered;
import village.events.partnership.VillageRegistered;
import village.events.project.ProjectRegistered;
import village.reporting.readmodel.Projection;

/**
 * The seed report's township as events: 28 villages all paired, 412 needs resolved, 9 projects (5万亩 sweet potato,
 * 7万亩 fruit, 4万亩 vegetables, 2万亩 walnut, 2000万棒 fungi, and 3000 pigs), 5000万元 of social capital in 2023, and
 * the demo's collective income of 2023 (total 11,984,700; 10 villages in [200k, 500k), 18 at 500k or more) and 2022
 * (11,810,700; 1, 10 and 17).
 */
final class TownshipFixture {
  static final String T = "城关镇";
  static final LocalDate D = LocalDate.of(2023, 3, 1);
  static final long[] INCOME_2023 = {205000, 212000, 218500, 226000, 233000, 241800, 250000, 262000, 275000, 299000,
      500000, 503000, 506500, 510000, 512800, 515000, 518000, 521000, 524600, 528000, 531000, 535500, 540000, 546000,
      552000, 560000, 571000, 588000};
  static final String[] TYPES = {"TOWNSHIP_AGENCY", "PUBLIC_INSTITUTION", "ENTERPRISE", "SOCIAL_ORGANIZATION"};

  /** One event with the sequence of its aggregate. */
  record Event(DomainEvent data, long sequence) {}

  private TownshipFixture() {
  }

  static String village(int i) {
    return String.format("CG%03d", i);
  }

  static long income2022(long amount2023) {
    return amount2023 < 500_000 ? amount2023 - 12_000 : amount2023 - 3_000;
  }

  static List<Event> events() {
    List<Event> e = new ArrayList<>();
    for (int i = 1; i <= 28; i++) {
      e.add(new Event(new VillageRegistered(village(i), "村" + i, i > 25 ? "COMMUNITY" : "VILLAGE", T, "安平县"), 1));
      e.add(new Event(new PartnershipRegistered("p" + i, "o" + i, TYPES[i % 4], village(i), T, D, List.of()), 1));
    }
    for (int n = 1; n <= 415; n++) {
      String v = village(1 + n % 28);
      e.add(new Event(new NeedPosted("n" + n, v, T, "OTHER", "问题" + n), 1));
      if (n <= 412) e.add(new Event(new NeedResolved("n" + n, v, "p" + (1 + n % 28), D), 2));
    }
    Object[][] projects = {{"SWEET_POTATO", 30000, "MU"}, {"SWEET_POTATO", 20000, "MU"}, {"FRESH_FRUIT", 40000, "MU"},
        {"FRESH_FRUIT", 30000, "MU"}, {"VEGETABLES", 40000, "MU"}, {"WALNUT", 20000, "MU"},
        {"EDIBLE_FUNGI", 12000000, "STICK"}, {"EDIBLE_FUNGI", 8000000, "STICK"}, {"OTHER", 3000, "HEAD"}};
    for (int j = 0; j < projects.length; j++) {
      e.add(new Event(new ProjectRegistered("j" + j, "项目" + j, (String) projects[j][0], List.of(village(1 + j)),
          List.of("p" + (1 + j)), "o" + (1 + j), new BigDecimal((int) projects[j][1]), (String) projects[j][2], "100000.00", D,
          null, "IN_PROGRESS", List.of()), 1));
    }
    for (int f = 1; f <= 5; f++) {
      e.add(new Event(new FundCommitted("f" + f, "SOCIAL_CAPITAL", "o" + f, "j" + f, village(f), T, "10000000.00", D), 1));
    }
    e.add(new Event(new FundCommitted("f9", "FISCAL", null, null, village(9), T, "4500000.00", D), 1));
    for (int i = 1; i <= 28; i++) {
      long a = INCOME_2023[i - 1];
      e.add(new Event(new CollectiveIncomeReported(village(i), T, 2023, a + ".00"), 1));
      e.add(new Event(new CollectiveIncomeReported(village(i), T, 2022, income2022(a) + ".00"), 1));
    }
    return e;
  }

  static void apply(Projection model, DomainEvent data, long sequence) {
    model.plan(EventEnvelope.of(data, sequence, Instant.parse("2023-06-01T00:00:00Z"), "test")).ifPresent(model::commit);
  }

  static Projection model() {
    Projection m = new Projection();
    for (Event e : events()) apply(m, e.data(), e.sequence());
    return m;
  }

  /** The overview as the API answers it (the header of a fresh read model). */
  static Map<String, Object> overview(Projection model, StatsQuery q) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("asOf", "2026-12-03T08:00:00Z");
    out.put("lag", 0);
    out.put("rebuilding", false);
    out.putAll(village.reporting.readmodel.QueriesAsJson.overview(model, q.township(), q.year()));
    return out;
  }
}
