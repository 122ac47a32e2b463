package village.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;
import village.devstack.Api;
import village.devstack.RealInfrastructure;
import village.devstack.StubServices;
import village.events.Topics;
import village.messaging.KafkaSettings;

/**
 * Two funds-service instances on one Kafka and one MongoDB database, each relaying the outbox of the writes it took
 * (and sweeping any left behind): no event is lost, a republished event is the same event (same id, aggregate and
 * sequence, so a consumer de-duplicating by sequence — reporting-service — applies it once), and both instances
 * writing the same fund at once keep one unbroken sequence with every acknowledged disbursement in it once
 * (the version-conflict retry).
 */
@ExtendWith(RealInfrastructure.class)
class TwoInstancesIT {
  static final String HOME = "城关镇";
  static final String TOWNSHIP = Api.township(HOME);
  static final Map<String, String> INFRA = RealInfrastructure.properties(TwoInstancesIT.class);
  static final StubServices STUB = StubServices.start().village("CG001", HOME).organization("org-1");
  static ConfigurableApplicationContext a;
  static ConfigurableApplicationContext b;

  @BeforeAll
  static void start() {
    a = instance();
    b = instance();
  }

  @AfterAll
  static void stop() {
    if (a != null) a.close();
    if (b != null) b.close();
    STUB.close();
  }

  static ConfigurableApplicationContext instance() {
    Map<String, Object> p = new HashMap<>(INFRA);
    p.put("server.port", "0");
    p.put("village.funds.partnership-service-url", STUB.url());
    p.put("village.funds.project-service-url", STUB.url());
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("test", p)); // above application.yml, as a test's properties
    return new SpringApplicationBuilder(FundsServiceApplication.class).environment(env).run();
  }

  static Api api(ConfigurableApplicationContext c) {
    return new Api(((WebServerApplicationContext) c).getWebServer().getPort());
  }

  static Map<String, Object> fund(String amount) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", "FISCAL");
    m.put("investorOrganizationId", "org-1");
    m.put("villageCode", "CG001");
    m.put("committedAmount", amount);
    m.put("committedOn", "2023-03-01");
    return m;
  }

  /** Every event on the funds topic for the given aggregates, in order per aggregate (read from the start), once each has {@code atLeast}. */
  static Map<String, List<JsonNode>> events(Set<String> aggregates, int atLeast) {
    var props = KafkaSettings.consumer(RealInfrastructure.kafkaBootstrapServers(), "two-" + UUID.randomUUID(), "test");
    Map<String, List<JsonNode>> byKey = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(Topics.named(INFRA.get("village.kafka.topic-prefix"), Topics.FUNDS)));
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(200))) {
          if (aggregates.contains(rec.key())) byKey.computeIfAbsent(rec.key(), k -> new ArrayList<>()).add(Api.JSON.readTree(rec.value()));
        }
        return aggregates.stream().allMatch(id -> byKey.getOrDefault(id, List.of()).size() >= atLeast);
      });
    }
    return byKey;
  }

  /** The distinct events of one aggregate by sequence; every copy of a sequence must be the very same event. */
  static Map<Long, JsonNode> bySequence(List<JsonNode> copies) {
    Map<Long, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode e : copies) {
      JsonNode first = out.putIfAbsent(e.path("sequence").asLong(), e);
      if (first != null) {
        assertThat(e.path("eventId").asString()).as("a republished event is the same event").isEqualTo(first.path("eventId").asString());
      }
    }
    return out;
  }

  @Test
  void writesSpreadOverBothInstancesLoseNoEvent() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Api.Response r = api(i % 2 == 0 ? a : b).post("/api/funds", TOWNSHIP, fund((1000 + i) + ".00"));
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      ids.add(r.json().path("id").asString());
    }
    Map<String, List<JsonNode>> events = events(Set.copyOf(ids), 1);
    for (String id : ids) {
      Map<Long, JsonNode> seq = bySequence(events.get(id));
      assertThat(seq.keySet()).as(id).containsExactly(1L);
      assertThat(seq.get(1L).path("type").asString()).isEqualTo("FundCommitted");
    }
    assertThat(ids.stream().map(id -> events.get(id).getFirst().path("data").path("committedAmount").asString()))
        .as("each fund's own event").containsExactlyElementsOf(LongStream.range(0, 30).mapToObj(i -> (1000 + i) + ".00").toList());
  }

  @Test
  void bothInstancesDisbursingFromOneFundAtOnceKeepOneUnbrokenSequence() throws Exception {
    Api.Response created = api(a).post("/api/funds", TOWNSHIP, fund("1000.00"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asString();
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    try {
      List<Future<Api.Response>> answers = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        Api on = api(i % 2 == 0 ? a : b);
        answers.add(pool.submit(() -> on.post("/api/funds/" + id + "/disbursements", TOWNSHIP,
            Map.of("amount", "10.00", "disbursedOn", "2023-05-01"))));
      }
      for (Future<Api.Response> f : answers) {
        Api.Response r = f.get();
        assertThat(r.status()).as("a version conflict is retried, not answered: " + r).isEqualTo(201);
        acknowledged.add(r.json().path("id").asString());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(acknowledged).hasSize(writers);
    Api.Response fund = api(b).get("/api/funds/" + id, TOWNSHIP);
    assertThat(fund.json().path("disbursedAmount").asString()).isEqualTo("80.00");
    Map<Long, JsonNode> seq = bySequence(events(Set.of(id), writers + 1).get(id));
    assertThat(seq.keySet()).as("one unbroken sequence across both instances")
        .containsExactlyElementsOf(LongStream.rangeClosed(1, writers + 1).boxed().toList());
    assertThat(seq.values().stream().skip(1).map(e -> e.path("data").path("disbursementId").asString()).collect(Collectors.toSet()))
        .as("every acknowledged disbursement once").isEqualTo(acknowledged);
  }
}
