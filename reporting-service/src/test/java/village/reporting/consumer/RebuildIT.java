package village.reporting.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.mongodb.client.MongoDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import village.devstack.Api;
import village.events.DomainEvent;
import village.events.EventEnvelope;
import village.events.Topics;
import village.events.funds.FundCommitted;
import village.events.funds.FundDisbursed;
import village.events.partnership.PartnershipRegistered;
import village.events.partnership.VillageRegistered;
import village.events.project.ProjectRegistered;
import village.devstack.RealInfrastructure;
import village.messaging.EventCodec;
import village.messaging.KafkaSettings;

/**
 * A rebuild while the statistics are read in a tight loop: every answer is the figures of before or after (here the
 * same), never zeros or a partial replay, and says {@code rebuilding: true} while it runs; a second request gets 409;
 * a restart in the middle keeps the old generation answering and finishes the rebuild.
 */
@ExtendWith(RealInfrastructure.class)
@SpringBootTest(webEnvironment = RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RebuildIT {
  static final String T = "北镇";
  static final LocalDate D = LocalDate.of(2024, 5, 1);
  static final String COUNTY = Api.county();
  static final int VILLAGES = 60;
  static final int FUNDS = 300;
  static KafkaProducer<String, String> producer;
  static String prefix;
  static JsonNode before;

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    RealInfrastructure.properties(RebuildIT.class).forEach((k, v) -> r.add(k, () -> v));
  }

  @BeforeAll
  static void producer() {
    producer = new KafkaProducer<>(KafkaSettings.producer(RealInfrastructure.kafkaBootstrapServers(), "test"));
    prefix = RealInfrastructure.properties(RebuildIT.class).get("village.kafka.topic-prefix");
  }

  @AfterAll
  static void close() {
    producer.close();
  }

  @Value("${local.server.port}")
  int port;
  @Autowired
  StatsConsumer consumer;
  @Autowired
  MongoDatabase db;

  static void send(String topic, Integer partition, DomainEvent event, long sequence) {
    String value = new EventCodec().encode(EventEnvelope.of(event, sequence, Instant.now(), "test"));
    producer.send(new ProducerRecord<>(Topics.named(prefix, topic), partition, event.aggregateId(), value));
  }

  /** Figures only (the clock, lag, rebuild state and gap counts taken out). */
  static JsonNode figures(JsonNode overview) {
    ObjectNode copy = (ObjectNode) overview.deepCopy();
    for (String f : List.of("asOf", "lag", "behind", "rebuilding", "rebuild", "gaps")) copy.remove(f);
    return copy;
  }

  Api.Response overview() {
    return new Api(port).get("/api/stats/overview", COUNTY);
  }

  @Test
  @Order(1)
  void aDatasetWithFiguresIsRead() {
    for (int v = 0; v < VILLAGES; v++) {
      String code = String.format("BZ%03d", v);
      send(Topics.PARTNERSHIPS, null, new VillageRegistered(code, "村" + v, "VILLAGE", T, "安平县"), 1);
      send(Topics.PARTNERSHIPS, null, new PartnershipRegistered("p" + v, "o" + v, "ENTERPRISE", code, T, D, List.of()), 1);
    }
    send(Topics.PROJECTS, null, new ProjectRegistered("j1", "核桃", "WALNUT", List.of("BZ000"), List.of(), null,
        new BigDecimal("1200"), "MU", "100000.00", D, null, "PLANNED", List.of()), 1);
    for (int f = 0; f < FUNDS; f++) {
      String code = String.format("BZ%03d", f % VILLAGES);
      send(Topics.FUNDS, null, new FundCommitted("f" + f, "FISCAL", null, null, code, T, "1000.00", D), 1);
      send(Topics.FUNDS, null, new FundDisbursed("f" + f, "d" + f, "400.00", D), 2);
    }
    // the tester's case: a fund's later event on another partition, ahead of its commitment
    send(Topics.FUNDS, 2, new FundDisbursed("big", "d-big", "500000.00", D), 2);
    producer.flush();
    send(Topics.FUNDS, 0, new FundCommitted("big", "SOCIAL_CAPITAL", "o1", null, "BZ001", T, "4500000.00", D), 1);
    producer.flush();

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      JsonNode o = overview().json();
      assertThat(o.path("lag").asLong()).isZero();
      assertThat(o.path("investment").path("committed").asString()).isEqualTo("4800000.00");
      assertThat(o.path("investment").path("disbursed").asString()).isEqualTo("620000.00");
      assertThat(o.path("villages").path("covered").asLong()).isEqualTo(VILLAGES);
      assertThat(o.path("projects").path("total").asLong()).isEqualTo(1);
      assertThat(o.path("rebuilding").asBoolean()).isFalse();
      assertThat(o.has("rebuild")).isFalse();
    });
    before = figures(overview().json());
  }

  @Test
  @Order(2)
  void everyAnswerDuringARebuildIsTheOldOrTheNewFigures() throws Exception {
    List<JsonNode> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean polling = new AtomicBoolean(true);
    Thread poller = new Thread(() -> {
      Api api = new Api(port);
      while (polling.get()) {
        Api.Response r = api.get("/api/stats/overview", COUNTY);
        statuses.add(r.status());
        if (r.status() == 200) seen.add(r.json());
      }
    }, "overview-poller");
    poller.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 3);
      Api.Response started = new Api(port).post("/api/stats/rebuild", COUNTY, Map.of());
      assertThat(started.status()).as(started.toString()).isEqualTo(202);
      assertThat(started.json().path("rebuild").path("startedAt").asString()).isNotBlank();
      Api.Response again = new Api(port).post("/api/stats/rebuild", COUNTY, Map.of());
      assertThat(again.status()).as(again.toString()).isEqualTo(409);
      assertThat(again.json().path("type").asString()).contains("rebuild-running");

      await().atMost(Duration.ofSeconds(120)).until(() -> consumer.rebuildProgress() == null);
      int after = seen.size();
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() > after + 3);
    } finally {
      polling.set(false);
      poller.join(10_000);
    }
    JsonNode last = figures(seen.get(seen.size() - 1));
    assertThat(last).isEqualTo(before); // nothing was written meanwhile: the new figures are the old ones
    assertThat(statuses).allMatch(s -> s == 200);
    List<JsonNode> rebuilding = new ArrayList<>();
    synchronized (seen) {
      for (JsonNode o : seen) {
        assertThat(figures(o)).as("an answer during the rebuild").isIn(before, last);
        if (o.path("rebuilding").asBoolean()) rebuilding.add(o);
      }
    }
    assertThat(rebuilding).as("answers saying rebuilding: true").isNotEmpty();
    for (JsonNode o : rebuilding) {
      JsonNode p = o.path("rebuild");
      assertThat(p.path("startedAt").asString()).isNotBlank();
      assertThat(p.path("applied").asLong()).isGreaterThanOrEqualTo(0);
      if (!p.path("total").isNull()) assertThat(p.path("applied").asLong()).isLessThanOrEqualTo(p.path("total").asLong());
    }
    assertThat(seen.get(seen.size() - 1).path("rebuilding").asBoolean()).isFalse();
    // the old generation is closed and dropped just after the swap
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(projectionCollections()).hasSize(1).first().asString().startsWith("projections-g"));
  }

  @Test
  @Order(3)
  void aRestartDuringARebuildKeepsTheOldGenerationAndFinishesTheRebuild() {
    String liveBefore = projectionCollections().get(0);
    assertThat(new Api(port).post("/api/stats/rebuild", COUNTY, Map.of()).status()).isEqualTo(202);
    consumer.stop(); // as if the service stopped in the middle
    consumer.start();
    JsonNode o = overview().json();
    assertThat(figures(o)).isEqualTo(before);
    await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
      JsonNode now = overview().json();
      assertThat(now.path("rebuilding").asBoolean()).isFalse();
      assertThat(figures(now)).isEqualTo(before);
    });
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      List<String> collections = projectionCollections();
      assertThat(collections).hasSize(1);
      assertThat(collections.get(0)).isNotEqualTo(liveBefore);
    });
  }

  List<String> projectionCollections() {
    List<String> names = new ArrayList<>();
    for (String n : db.listCollectionNames()) if (n.startsWith("projections")) names.add(n);
    return names;
  }
}
