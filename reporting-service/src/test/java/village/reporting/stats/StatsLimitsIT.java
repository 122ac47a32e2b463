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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import village.devstack.Api;
import village.devstack.RealInfrastructure;
import village.events.DomainEvent;
import village.events.Topics;
import village.events.funds.CollectiveIncomeReported;
import village.events.funds.FundCommitted;
import village.events.funds.FundDisbursed;
import village.events.partnership.VillageRegistered;
import village.messaging.EventCodec;
import village.messaging.KafkaSettings;
import village.messaging.Outbox;
import village.messaging.OutboxEntry;
import village.support.validation.Yuan;

/**
 * The limits hold end to end: a thousand commitments of the largest amount one request may carry (and their full
 * disbursement), plus a few of the largest an event may carry (10^12 yuan, from before the request limit), all for one
 * village — every statistics endpoint still answers 200 with the exact sums, far above what one amount may be.
 */
@ExtendWith(RealInfrastructure.class)
@SpringBootTest(webEnvironment = RANDOM_PORT)
@DirtiesContext // its consumer stops with the class: the next test class has the machine to itself
class StatsLimitsIT {
  static final String T = "城关镇";
  static final String TQ = "%E5%9F%8E%E5%85%B3%E9%95%87";
  static final LocalDate D = LocalDate.of(2023, 3, 1);
  static final String COUNTY = Api.county();
  static final String MAX = new BigDecimal(Yuan.MAX_YUAN).setScale(2).toPlainString();
  static final int N = 1000;
  static KafkaProducer<String, String> producer;
  static Outbox outbox;

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    RealInfrastructure.properties(StatsLimitsIT.class).forEach((k, v) -> r.add(k, () -> v));
  }

  @BeforeAll
  static void producer() {
    producer = new KafkaProducer<>(KafkaSettings.producer(RealInfrastructure.kafkaBootstrapServers(), "test"));
    outbox = new Outbox(new EventCodec(), RealInfrastructure.properties(StatsLimitsIT.class).get("village.kafka.topic-prefix"),
        Clock.systemUTC());
  }

  @AfterAll
  static void close() {
    producer.close();
  }

  @Value("${local.server.port}")
  int port;

  static void send(String topic, DomainEvent event, long sequence) {
    OutboxEntry e = outbox.entry(topic, event, sequence, "test", Map.of());
    producer.send(new ProducerRecord<>(e.topic(), e.key(), e.payload()));
  }

  @Test
  void aThousandMaximumAmountsStillAnswerEveryStatisticsQuery() throws Exception {
    send(Topics.PARTNERSHIPS, new VillageRegistered("CG001", "村1", "VILLAGE", T, "安平县"), 1);
    for (int i = 0; i < N; i++) {
      send(Topics.FUNDS, new FundCommitted("f" + i, "SOCIAL_CAPITAL", "o1", null, "CG001", T, MAX, D), 1);
      send(Topics.FUNDS, new FundDisbursed("f" + i, "d" + i, MAX, D), 2);
    }
    for (int i = 0; i < 3; i++) { // the event limit, beyond the request limit: data from before it still counts
      send(Topics.FUNDS, new FundCommitted("big" + i, "FISCAL", null, null, "CG001", T, "1000000000000.00", D), 1);
    }
    send(Topics.FUNDS, new CollectiveIncomeReported("CG001", T, 2023, MAX), 1);
    producer.flush();

    BigDecimal max = new BigDecimal(MAX);
    String social = max.multiply(BigDecimal.valueOf(N)).setScale(2).toPlainString();
    String committed = max.multiply(BigDecimal.valueOf(N)).add(new BigDecimal("3000000000000.00")).setScale(2).toPlainString();
    Api api = new Api(port);
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      Api.Response r = api.get("/api/stats/overview", COUNTY);
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      assertThat(r.json().path("investment").path("committed").asString()).isEqualTo(committed);
    });

    for (String q : List.of("", "?year=2023", "?township=" + TQ, "?year=2023&township=" + TQ)) {
      JsonNode o = get(api, "/api/stats/overview" + q);
      assertThat(o.path("investment").path("committed").asString()).isEqualTo(committed);
      assertThat(o.path("investment").path("disbursed").asString()).isEqualTo(social);
      assertThat(o.path("investment").path("bySource").path("SOCIAL_CAPITAL").path("committed").asString()).isEqualTo(social);
      assertThat(o.path("collectiveIncome").path("total").asString()).isEqualTo(MAX);
      JsonNode township = get(api, "/api/stats/townships" + q).path("items").path(0);
      assertThat(township.path("investment").path("committed").asString()).isEqualTo(committed);
      JsonNode village = get(api, "/api/stats/villages" + q).path("items").path(0);
      assertThat(village.path("committed").asString()).isEqualTo(committed);
      assertThat(village.path("disbursed").asString()).isEqualTo(social);
    }

    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<byte[]> csv = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/stats/export?format=csv")).header("Authorization", "Bearer " + COUNTY).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(new String(csv.body(), StandardCharsets.UTF_8)).contains(committed).contains(social);
    HttpResponse<byte[]> xlsx = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/stats/export?format=xlsx&year=2023")).header("Authorization", "Bearer " + COUNTY).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(xlsx.statusCode()).isEqualTo(200);
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      List<Row> rows = wb.getFirstSheet().read();
      assertThat(rows).hasSize(2);
      assertThat(rows.get(1).getCell(6).asNumber()).isEqualByComparingTo(new BigDecimal(committed));
    }
  }

  private static JsonNode get(Api api, String path) {
    Api.Response r = api.get(path, COUNTY);
    assertThat(r.status()).as(path + " " + r.text()).isEqualTo(200);
    return r.json();
  }
}
