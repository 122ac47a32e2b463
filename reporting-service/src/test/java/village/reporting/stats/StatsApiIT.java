package village.reporting.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import village.devstack.RealInfrastructure;
import village.events.DomainEvent;
import village.events.Topics;
import village.events.funds.CollectiveIncomeReported;
import village.events.funds.DisbursementReversed;
import village.events.funds.FundCommitted;
import village.events.funds.FundDisbursed;
import village.events.partnership.NeedClaimed;
import village.events.partnership.NeedPosted;
import village.events.partnership.NeedReleased;
import village.events.partnership.NeedResolved;
import village.events.partnership.PartnershipRegistered;
import village.events.partnership.VillageRegistered;
import village.events.project.ProjectRegistered;
import village.messaging.EventCodec;
import village.messaging.KafkaSettings;
import village.messaging.Outbox;
import village.messaging.OutboxEntry;
import village.devstack.Api;

/**
 * reporting-service fed by real envelopes on the real topics (the wire form the write services' outboxes publish):
 * the figures, duplicates and replays, poison events, rebuild, roles and exports, over HTTP.
 */
@ExtendWith(RealInfrastructure.class)
@SpringBootTest(webEnvironment = RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatsApiIT {
  static final String T = "城关镇";
  static final String TQ = "%E5%9F%8E%E5%85%B3%E9%95%87";
  static final LocalDate D = LocalDate.of(2023, 3, 1);
  static final String COUNTY = Api.county();
  static KafkaProducer<String, String> producer;
  static Outbox outbox;

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    RealInfrastructure.properties(StatsApiIT.class).forEach((k, v) -> r.add(k, () -> v));
  }

  @BeforeAll
  static void producer() {
    producer = new KafkaProducer<>(KafkaSettings.producer(RealInfrastructure.kafkaBootstrapServers(), "test"));
    outbox = new Outbox(new EventCodec(), RealInfrastructure.properties(StatsApiIT.class).get("village.kafka.topic-prefix"),
        Clock.systemUTC());
  }

  @AfterAll
  static void close() {
    producer.close();
  }

  @Value("${local.server.port}")
  int port;
  @org.springframework.beans.factory.annotation.Autowired
  io.micrometer.core.instrument.MeterRegistry meters;
  @org.springframework.beans.factory.annotation.Autowired
  village.reporting.consumer.StatsConsumer stats;

  Api api() {
    return new Api(port);
  }

  /** The offset each record sent was written at, so a test can wait until the consumer has handled all of them. */
  static final java.util.List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> SENT =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  static void send(String topic, DomainEvent event, long sequence) {
    OutboxEntry e = outbox.entry(topic, event, sequence, "test", Map.of());
    SENT.add(producer.send(new ProducerRecord<>(e.topic(), e.key(), e.payload())));
  }

  /** Waits until the live read model has handled every record sent so far (offsets, not a lag that may be stale). */
  void awaitEverythingSentIsHandled() {
    producer.flush();
    Map<org.apache.kafka.common.TopicPartition, Long> last = new java.util.HashMap<>();
    synchronized (SENT) {
      for (var f : SENT) {
        try {
          var m = f.get();
          last.merge(new org.apache.kafka.common.TopicPartition(m.topic(), m.partition()), m.offset(), Math::max);
        } catch (Exception ex) {
          throw new AssertionError("a test record was not written", ex);
        }
      }
    }
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Map<org.apache.kafka.common.TopicPartition, Long> handled = stats.handledOffsets();
      last.forEach((tp, offset) -> assertThat(handled.getOrDefault(tp, -1L)).as("handled on " + tp).isGreaterThanOrEqualTo(offset));
    });
  }

  static void sendRaw(String topic, String key, String value) {
    producer.send(new ProducerRecord<>(outbox.topicPrefix() + topic, key, value));
  }

  /**
   * A small township, deliberately out of order across aggregates (a project before its villages are registered),
   * with an ended pairing, a cancelled project, a reversed disbursement and a corrected income.
   */
  static void township() {
    send(Topics.PROJECTS, new ProjectRegistered("j1", "红薯基地", "SWEET_POTATO", List.of("CG001"), List.of("p1"), "o1",
        new BigDecimal("30000"), "MU", "500000.00", D, null, "PLANNED", List.of()), 1);
    send(Topics.FUNDS, new CollectiveIncomeReported("CG002", T, 2023, "190000.00"), 1);
    for (int i = 1; i <= 4; i++) send(Topics.PARTNERSHIPS, new VillageRegistered("CG00" + i, "村" + i, "VILLAGE", T, "安平县"), 1);
    send(Topics.PARTNERSHIPS, new PartnershipRegistered("p1", "o1", "ENTERPRISE", "CG001", T, D, List.of()), 1);
    send(Topics.PARTNERSHIPS, new PartnershipRegistered("p2", "o2", "SOCIAL_ORGANIZATION", "CG002", T, D, List.of()), 1);
    send(Topics.PARTNERSHIPS, new PartnershipRegistered("p3", "o3", "PUBLIC_INSTITUTION", "CG003", T, D, List.of()), 1);
    send(Topics.PARTNERSHIPS, new village.events.partnership.PartnershipEnded("p3", "o3", "CG003", D.plusMonths(6), "到期"), 2);
    send(Topics.PARTNERSHIPS, new NeedPosted("n1", "CG001", T, "OTHER", "路"), 1);
    send(Topics.PARTNERSHIPS, new NeedResolved("n1", "CG001", "p1", D), 2);
    send(Topics.PROJECTS, new ProjectRegistered("j2", "核桃基地", "WALNUT", List.of("CG002"), List.of(), null,
        new BigDecimal("20000"), "MU", "100000.00", D, null, "PLANNED", List.of()), 1);
    send(Topics.PROJECTS, new village.events.project.ProjectStatusChanged("j2", "PLANNED", "CANCELLED", "撤销"), 2);
    send(Topics.FUNDS, new FundCommitted("f1", "SOCIAL_CAPITAL", "o1", "j1", "CG001", T, "2500000.00", D), 1);
    send(Topics.FUNDS, new FundDisbursed("f1", "d1", "1000000.00", D), 2);
    send(Topics.FUNDS, new FundDisbursed("f1", "d2", "1.50", D), 3);
    send(Topics.FUNDS, new DisbursementReversed("f1", "d2", "1.50", D, "更正"), 4);
    send(Topics.FUNDS, new CollectiveIncomeReported("CG001", T, 2023, "520000.00"), 1);
    send(Topics.FUNDS, new CollectiveIncomeReported("CG002", T, 2023, "210000.00"), 2); // the correction stands
    producer.flush();
  }

  JsonNode overview(String query) {
    Api.Response r = api().get("/api/stats/overview" + query, COUNTY);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  void assertTownshipFigures(JsonNode o) {
    assertThat(o.path("villages").path("total").asLong()).isEqualTo(4);
    assertThat(o.path("villages").path("covered").asLong()).isEqualTo(2);
    assertThat(o.path("villages").path("coverage").asDouble()).isEqualTo(0.5);
    assertThat(o.path("partnerships").path("active").asLong()).isEqualTo(2);
    assertThat(o.path("partnerships").path("byOrganizationType").path("SOCIAL_ORGANIZATION").asLong()).isEqualTo(1);
    assertThat(o.path("needs").path("resolved").asLong()).isEqualTo(1);
    assertThat(o.path("projects").path("total").asLong()).isEqualTo(1);
    assertThat(o.path("projects").path("byStatus").path("CANCELLED").asLong()).isEqualTo(1);
    assertThat(o.path("industryScale")).hasSize(1);
    assertThat(o.path("industryScale").get(0).path("quantity").decimalValue()).isEqualByComparingTo("30000");
    assertThat(o.path("investment").path("bySource").path("SOCIAL_CAPITAL").path("committed").asString()).isEqualTo("2500000.00");
    assertThat(o.path("investment").path("disbursed").asString()).isEqualTo("1000000.00");
    assertThat(o.path("collectiveIncome").path("total").asString()).isEqualTo("730000.00");
    assertThat(o.path("collectiveIncome").path("bands").path("from200kTo500k").asLong()).isEqualTo(1);
    assertThat(o.path("collectiveIncome").path("bands").path("atLeast500k").asLong()).isEqualTo(1);
  }

  @Test
  @Order(1)
  void figuresFromTheEventsWithFreshness() {
    township();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTownshipFigures(overview("?year=2023&township=" + TQ)));
    JsonNode o = overview("?year=2023&township=" + TQ);
    assertThat(o.path("asOf").asString()).isNotBlank();
    assertThat(o.has("lag")).isTrue();
    // the fields in the order API.md shows them: the freshness head, the scope, then the figures
    String json = o.toString();
    assertThat(json).startsWith("{\"asOf\":");
    assertThat(Stream.of("lag", "rebuilding", "gaps", "township", "year", "villages", "partnerships", "needs", "projects",
        "industryScale", "investment", "collectiveIncome").map(f -> json.indexOf("\"" + f + "\":")).toList())
        .doesNotContain(-1).isSorted();
    assertThat(o.path("industryScale").get(0).toString()).startsWith("{\"industry\":\"SWEET_POTATO\",\"unit\":\"MU\",\"quantity\":");
    JsonNode townships = api().get("/api/stats/townships?year=2023", COUNTY).json();
    assertThat(townships.path("items").get(0).path("township").asString()).isEqualTo(T);
    JsonNode villages = api().get("/api/stats/villages?year=2023&township=" + TQ, COUNTY).json().path("items");
    assertThat(villages).hasSize(4);
    assertThat(villages.get(0).path("code").asString()).isEqualTo("CG001");
    assertThat(villages.get(0).path("committed").asString()).isEqualTo("2500000.00");
    assertThat(villages.get(0).path("collectiveIncome").asString()).isEqualTo("520000.00");
    assertThat(meters.get("village.stats.apply.latency").timer().count()).isGreaterThanOrEqualTo(15);
    // and an operator can read it over HTTP
    Api.Response metric = api().get("/actuator/metrics/village.stats.apply.latency", COUNTY);
    assertThat(metric.status()).as(metric.text()).isEqualTo(200);
    assertThat(metric.json().path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(15);
  }

  @Test
  @Order(2)
  void duplicatesAndStaleEventsChangeNothing() {
    JsonNode before = overview("?township=" + TQ);
    township(); // everything again: same sequences
    send(Topics.FUNDS, new CollectiveIncomeReported("CG001", T, 2023, "1.00"), 1); // older than what stands? same seq: ignored
    awaitEverythingSentIsHandled(); // the duplicates were read, and ignored
    JsonNode after = overview("?township=" + TQ);
    assertThat(after.path("collectiveIncome")).isEqualTo(before.path("collectiveIncome"));
    assertThat(after.path("investment")).isEqualTo(before.path("investment"));
    assertThat(after.path("needs")).isEqualTo(before.path("needs"));
  }

  @Test
  @Order(3)
  void poisonEventsAreSetAsideAndDoNotStopTheConsumer() {
    sendRaw(Topics.FUNDS, "bad-1", "this is not json");
    sendRaw(Topics.FUNDS, "bad-2", "{\"eventId\":\"6c1f7a52-0000-4000-8000-000000000001\",\"type\":\"GoldFound\",\"schemaVersion\":1,"
        + "\"aggregateId\":\"x\",\"sequence\":1,\"occurredAt\":\"2023-01-01T00:00:00Z\",\"actor\":\"t\",\"data\":{}}");
    send(Topics.FUNDS, new FundDisbursed("f9", "d9", null, D), 2); // missing amount
    send(Topics.FUNDS, new FundCommitted("f8", "LOTTERY", null, null, "CG003", T, "1.00", D), 1); // not in the vocabulary
    send(Topics.FUNDS, new CollectiveIncomeReported("CG003", T, 2023, "100.00"), 1); // a good one after them
    producer.flush();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(overview("?year=2023&township=" + TQ).path("collectiveIncome").path("bands").path("below200k").asLong()).isEqualTo(1));
    JsonNode dead = api().get("/api/stats/dead-letters", COUNTY).json();
    assertThat(dead.path("total").asLong()).isEqualTo(4);
    assertThat(dead.path("items").toString()).contains("bad-1").contains("GoldFound").contains("unknown source LOTTERY");
    assertThat(api().get("/api/stats/dead-letters", Api.township(T)).status()).isEqualTo(403);
  }

  @Test
  @Order(4)
  void needsClaimedGoesUpWithAClaimAndBackWithTheResolve() {
    JsonNode before = overview("?township=" + TQ).path("needs");
    long open = before.path("open").asLong();
    long resolved = before.path("resolved").asLong();
    assertThat(before.path("claimed").asLong()).isZero();
    send(Topics.PARTNERSHIPS, new NeedPosted("c1", "CG004", T, "INDUSTRY", "加工"), 1);
    send(Topics.PARTNERSHIPS, new NeedClaimed("c1", "CG004", T, "INDUSTRY", "o1", 70, 0), 2);
    producer.flush();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode n = overview("?township=" + TQ).path("needs");
      assertThat(n.path("claimed").asLong()).isEqualTo(1);
      assertThat(n.path("open").asLong()).isEqualTo(open + 1); // a claimed need is still open (not yet resolved)
    });
    send(Topics.PARTNERSHIPS, new NeedResolved("c1", "CG004", "p1", D), 3);
    producer.flush();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode n = overview("?township=" + TQ).path("needs");
      assertThat(n.path("claimed").asLong()).isZero();
      assertThat(n.path("open").asLong()).isEqualTo(open);
      assertThat(n.path("resolved").asLong()).isEqualTo(resolved + 1);
    });
    // one claimed and released, one left claimed: the rebuild that follows must give the same figures
    send(Topics.PARTNERSHIPS, new NeedPosted("c2", "CG004", T, "TALENT", "技术"), 1);
    send(Topics.PARTNERSHIPS, new NeedClaimed("c2", "CG004", T, "TALENT", "o1", 40, 0), 2);
    send(Topics.PARTNERSHIPS, new NeedReleased("c2", "CG004", "o1", "人手不足"), 3);
    send(Topics.PARTNERSHIPS, new NeedPosted("c3", "CG003", T, "TALENT", "培训"), 1);
    send(Topics.PARTNERSHIPS, new NeedClaimed("c3", "CG003", T, "TALENT", "o2", 40, 0), 2);
    producer.flush();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode n = overview("?township=" + TQ).path("needs");
      assertThat(n.path("claimed").asLong()).isEqualTo(1);
      assertThat(n.path("open").asLong()).isEqualTo(open + 2);
    });
    JsonNode row = api().get("/api/stats/townships", COUNTY).json().path("items").get(0);
    assertThat(row.path("needs").path("claimed").asLong()).isEqualTo(1);
  }

  @Test
  @Order(5)
  void rebuildReplaysEverythingToTheSameNumbers() {
    awaitEverythingSentIsHandled();
    JsonNode before = overview("?year=2023&township=" + TQ);
    long generation = stats.generation();
    assertThat(before.path("needs").path("claimed").asLong()).isEqualTo(1); // left by the test before
    assertThat(api().post("/api/stats/rebuild", Api.township(T), Map.of()).status()).isEqualTo(403);
    Api.Response r = api().post("/api/stats/rebuild", COUNTY, Map.of());
    assertThat(r.status()).isEqualTo(202);
    // the rebuilt generation must be the one answering (the old one keeps the same figures while the rebuild runs)
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> stats.generation() > generation);
    awaitEverythingSentIsHandled();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
      JsonNode after = overview("?year=2023&township=" + TQ);
      assertThat(after.path("rebuilding").asBoolean()).isFalse();
      for (String f : List.of("villages", "partnerships", "needs", "projects", "industryScale", "investment", "collectiveIncome")) {
        assertThat(after.path(f)).as(f).isEqualTo(before.path(f));
      }
    });
  }

  @Test
  @Order(6)
  void rolesAndScopes() {
    assertThat(api().get("/api/stats/overview", null).status()).isEqualTo(401);
    assertThat(api().get("/api/stats/overview", Api.organization("o1")).status()).isEqualTo(403);
    assertThat(api().get("/api/stats/overview?township=西镇", Api.township(T)).status()).isEqualTo(403);
    Api.Response own = api().get("/api/stats/overview?year=2023", Api.township(T));
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().path("township").asString()).isEqualTo(T);
    assertThat(api().get("/api/stats/overview?year=1800", COUNTY).status()).isEqualTo(400);
    assertThat(api().get("/api/stats/overview?year=abc", COUNTY).status()).isEqualTo(400);
    assertThat(api().get("/api/stats/export?format=pdf", COUNTY).status()).isEqualTo(400);
  }

  @Test
  @Order(7)
  void exportsOpenInExcelWithChineseNames() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<byte[]> csv = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/stats/export?format=csv&year=2023")).header("Authorization", "Bearer " + COUNTY).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
    byte[] b = csv.body();
    assertThat(new byte[] {b[0], b[1], b[2]}).containsExactly(0xEF, 0xBB, 0xBF);
    String text = new String(b, StandardCharsets.UTF_8);
    assertThat(text).contains("村1").contains("CG001,村1,城关镇,1,1,1,2500000.00,1000000.00,520000.00");

    HttpResponse<byte[]> xlsx = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/stats/export?format=xlsx&year=2023")).header("Authorization", "Bearer " + COUNTY).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(xlsx.statusCode()).isEqualTo(200);
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      List<Row> rows = wb.getFirstSheet().read();
      assertThat(rows.get(1).getCellText(0)).isEqualTo("CG001");
      assertThat(rows.get(1).getCellText(1)).isEqualTo("村1");
      assertThat(new BigDecimal(rows.get(1).getCellText(6))).isEqualByComparingTo("2500000.00");
    }
  }
}
