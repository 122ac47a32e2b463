package village.bench;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import village.events.DomainEvent;
import village.events.Topics;
import village.events.funds.CollectiveIncomeReported;
import village.events.funds.FundCommitted;
import village.events.funds.FundDisbursed;
import village.events.partnership.PartnershipRegistered;
import village.events.partnership.VillageRegistered;
import village.events.project.ProjectRegistered;
import village.messaging.EventCodec;
import village.messaging.KafkaSettings;
import village.messaging.Outbox;
import village.messaging.OutboxEntry;

/**
 * The county at scale, loaded as the write services' events (the same envelopes their outboxes publish) straight
 * onto the topics: 20 townships × 28 villages, a pairing and an income per village, 20,000 projects, 20,000 funds
 * with 9 disbursements each (200,000 fund transactions). Then the statistics queries at a constant rate.
 */
final class CountyScale {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int TOWNSHIPS = 20;
  private static final int VILLAGES_PER_TOWNSHIP = 28;
  private static final int PROJECTS = 20_000;
  private static final int FUNDS = 20_000;
  private static final int DISBURSEMENTS_PER_FUND = 9;
  private static final String[] INDUSTRIES = {"SWEET_POTATO", "FRESH_FRUIT", "VEGETABLES", "WALNUT", "EDIBLE_FUNGI"};

  private final Api api;
  private final Load load;
  private final Report report;
  private final Duration window;
  private final Outbox outbox = new Outbox(new EventCodec(), "", Clock.systemUTC());

  CountyScale(Api api, Load load, Report report, Duration window) {
    this.api = api;
    this.load = load;
    this.report = report;
    this.window = window;
  }

  void run() {
    long t0 = System.nanoTime();
    long events = produce();
    double produced = (System.nanoTime() - t0) / 1e9;
    System.out.printf("    %d events produced in %.1f s%n", events, produced);
    String reporting = api.direct("REPORTING_PORT");
    long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
    while (true) {
      JsonNode o = overview(reporting, "/api/stats/overview");
      if (o != null && o.path("lag").asLong(-1) == 0 && o.path("projects").path("total").asLong() >= PROJECTS
          && new BigDecimal(o.path("investment").path("disbursed").asString("0")).compareTo(BigDecimal.valueOf(180_000_000L)) >= 0) {
        break;
      }
      if (System.nanoTime() > deadline) throw new IllegalStateException("reporting did not catch up: " + o);
      Load.sleepNanos(500_000_000);
    }
    double applied = (System.nanoTime() - t0) / 1e9;
    report.add("4", "county-scale load applied by reporting", String.format("%d events in %.0f s = %.0f/s", events, applied,
        events / applied), "", null);
    String township = "%E5%8E%BF%E5%9F%9F%E9%95%8707"; // 县域镇07
    for (String[] q : new String[][] {
        {"overview, county, ?year=2023", "/api/stats/overview?year=2023"},
        {"overview, one township", "/api/stats/overview?township=" + township},
        {"townships roll-up ?year=2023", "/api/stats/townships?year=2023"},
        {"villages of one township", "/api/stats/villages?township=" + township}}) {
      Load.Result r = load.constantRate(q[0], 50, window, i -> api.get(reporting, q[1], api.countyToken));
      System.out.println("    " + r);
      boolean overview = q[1].startsWith("/api/stats/overview");
      report.add("4", q[0] + ": p50 / p99", Report.ms(r.p50()) + " / " + Report.ms(r.p99()),
          overview ? "p99 ≤ 20 ms" : "", overview ? r.p99() <= 20 : null);
    }
  }

  private long produce() {
    long n = 0;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        KafkaSettings.producer("127.0.0.1:" + api.system.port("KAFKA_PORT"), "bench-county"))) {
      LocalDate day = LocalDate.of(2023, 3, 1);
      for (int t = 1; t <= TOWNSHIPS; t++) {
        String township = String.format("县域镇%02d", t);
        for (int v = 1; v <= VILLAGES_PER_TOWNSHIP; v++) {
          String code = village(t, v);
          send(producer, Topics.PARTNERSHIPS, new VillageRegistered(code, township + v + "村", "VILLAGE", township, "规模县"), 1);
          send(producer, Topics.PARTNERSHIPS, new PartnershipRegistered("bp-" + code, "bo-" + t, "ENTERPRISE", code,
              township, day, List.of("INDUSTRY")), 1);
          send(producer, Topics.FUNDS, new CollectiveIncomeReported(code, township, 2023, (150_000 + v * 20_000) + ".00"), 1);
          n += 3;
        }
      }
      for (int p = 0; p < PROJECTS; p++) {
        int t = 1 + p % TOWNSHIPS;
        String code = village(t, 1 + (p / TOWNSHIPS) % VILLAGES_PER_TOWNSHIP);
        send(producer, Topics.PROJECTS, new ProjectRegistered("bproj-" + p, "规模项目" + p, INDUSTRIES[p % 5], List.of(code),
            List.of(), null, BigDecimal.valueOf(100), p % 5 == 4 ? "STICK" : "MU", "100000.00", day, null, "PLANNED",
            List.of()), 1);
        n++;
      }
      for (int f = 0; f < FUNDS; f++) {
        int t = 1 + f % TOWNSHIPS;
        String code = village(t, 1 + (f / TOWNSHIPS) % VILLAGES_PER_TOWNSHIP);
        String fund = "bfund-" + f;
        send(producer, Topics.FUNDS, new FundCommitted(fund, f % 2 == 0 ? "SOCIAL_CAPITAL" : "FISCAL", "bo-" + t,
            "bproj-" + f, code, String.format("县域镇%02d", t), "90000.00", day), 1);
        for (int d = 0; d < DISBURSEMENTS_PER_FUND; d++) {
          send(producer, Topics.FUNDS, new FundDisbursed(fund, fund + "-d" + d, "1000.00", day.plusDays(d)), 2 + d);
        }
        n += 1 + DISBURSEMENTS_PER_FUND;
      }
      producer.flush();
    }
    return n;
  }

  private void send(KafkaProducer<String, String> producer, String topic, DomainEvent event, long sequence) {
    OutboxEntry e = outbox.entry(topic, event, sequence, "bench", Map.of());
    Future<?> ignored = producer.send(new ProducerRecord<>(e.topic(), e.key(), e.payload()));
  }

  private static String village(int township, int village) {
    return String.format("T%02dV%02d", township, village);
  }

  private JsonNode overview(String base, String path) {
    try {
      HttpResponse<String> r = load.client().send(api.get(base, path, api.countyToken), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    } catch (Exception e) {
      return null;
    }
  }
}
