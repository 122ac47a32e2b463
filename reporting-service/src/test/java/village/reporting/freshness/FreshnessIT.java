package village.reporting.freshness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import village.devstack.Api;
import village.devstack.KafkaBroker;
import village.devstack.RealInfrastructure;
import village.events.DomainEvent;
import village.events.Topics;
import village.events.funds.FundCommitted;
import village.messaging.EventCodec;
import village.messaging.KafkaSettings;
import village.messaging.Outbox;
import village.messaging.OutboxEntry;
import village.messaging.OutboxRelay;
import village.messaging.PublishHorizon;

/**
 * The statistics during a Kafka outage, with a broker of this test's own that it stops and starts: three write
 * services' relays (watermarks every 200 ms) feed reporting-service. Writes acknowledged while the broker is down
 * must not fall before {@code asOf}, {@code behind} must name funds-service with its waiting events (from its
 * backlog endpoint), and once the broker is back the statistics count them, {@code asOf} passes them and
 * {@code behind} disappears.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
class FreshnessIT {
  static KafkaBroker broker;
  static MongoClient mongo;
  static MongoDatabase writers;
  static String prefix;
  static Outbox outbox;
  static final Map<String, OutboxRelay> relays = new LinkedHashMap<>();
  static final Map<String, Producer<String, String>> producers = new LinkedHashMap<>();
  static HttpServer backlog;

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) throws IOException {
    broker = KafkaBroker.start(Files.createTempDirectory("freshness-kafka"), 0, 0);
    Map<String, String> p = RealInfrastructure.properties(FreshnessIT.class);
    prefix = p.get("village.kafka.topic-prefix");
    mongo = MongoClients.create(p.get("village.mongodb.uri"));
    writers = mongo.getDatabase(p.get("village.mongodb.database") + "_w");
    outbox = new Outbox(new EventCodec(), prefix, Clock.systemUTC());
    startWriters();
    backlog = backlogEndpoint(relays.get("funds-service"));
    p.forEach((k, v) -> r.add(k, () -> v));
    r.add("village.kafka.bootstrap-servers", broker::bootstrapServers);
    r.add("village.reporting.freshness.services.funds-service", () -> "http://127.0.0.1:" + backlog.getAddress().getPort());
    r.add("village.reporting.freshness.services.partnership-service", () -> "http://127.0.0.1:1");
    r.add("village.reporting.freshness.services.project-service", () -> "http://127.0.0.1:1");
  }

  /** One relay per write service, as service-support wires them (watermarks to every partition of its topic). */
  static void startWriters() {
    for (String topic : Topics.all()) {
      String service = Topics.producer(topic).orElseThrow();
      Producer<String, String> producer = new KafkaProducer<>(KafkaSettings.producer(broker.bootstrapServers(), service));
      OutboxRelay relay = new OutboxRelay(writers, producer,
          new OutboxRelay.Settings(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(1), 500), null, Clock.systemUTC())
          .watch(service)
          .withWatermarks(new OutboxRelay.WatermarkSettings(service, service + "-1", List.of(Topics.named(prefix, topic)),
              Duration.ofMillis(200), Duration.ofSeconds(30)));
      relay.start();
      relays.put(service, relay);
      producers.put(service, producer);
    }
  }

  /** Stands in for funds-service's {@code GET /internal/outbox} (same fields), answered from its relay. */
  static HttpServer backlogEndpoint(OutboxRelay relay) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/internal/outbox", exchange -> {
      var h = relay.horizon();
      String body = "{\"service\":\"funds-service\",\"waitingEvents\":" + h.waiting() + ",\"oldestWaitingSince\":"
          + h.oldestWaitingSince().map(i -> "\"" + i + "\"").orElse("null") + ",\"kafkaReachable\":" + relay.kafkaHealthy() + "}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return server;
  }

  @AfterAll
  static void stop() {
    relays.values().forEach(OutboxRelay::close);
    producers.values().forEach(p -> p.close(Duration.ofSeconds(2)));
    backlog.stop(0);
    mongo.close();
    broker.stop();
  }

  @Value("${local.server.port}")
  int port;

  JsonNode overview() {
    var r = new Api(port).get("/api/stats/overview", Api.county());
    assertThat(r.status()).isEqualTo(200);
    return r.json();
  }

  static int funds;

  /** A fund write as funds-service does it: ticket before the document write, handed to the relay after. */
  static Instant commitFund() {
    String id = "f" + (++funds);
    OutboxRelay relay = relays.get("funds-service");
    PublishHorizon.Ticket ticket = relay.horizon().open();
    DomainEvent event = new FundCommitted(id, "FISCAL", null, null, "CG001", "城关镇", "100.00", LocalDate.of(2026, 1, 1));
    OutboxEntry e = outbox.entry(Topics.FUNDS, event, 1, "test", Map.of());
    writers.getCollection("funds-service").insertOne(new Document("_id", id).append(Outbox.FIELD, Outbox.initial(e)));
    relay.publishSoon("funds-service", id, List.of(ticket)); // acknowledged: the caller would get its 201 now
    return ticket.since();
  }

  static String committed(JsonNode o) {
    return o.path("investment").path("committed").asString();
  }

  @Test
  void asOfStopsDuringAnOutageAndCatchesUpAfterIt() {
    Instant first = commitFund();
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      JsonNode o = overview();
      return committed(o).equals("100.00") && !o.has("behind") && Instant.parse(o.path("asOf").asString()).isAfter(first);
    });

    broker.stop();
    Instant outageWrites = null;
    for (int i = 0; i < 20; i++) {
      Instant at = commitFund();
      if (outageWrites == null) outageWrites = at;
    }
    Instant oldestMissing = outageWrites;

    // behind names funds-service with its 20 waiting events, and asOf never passes the oldest missing write
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      JsonNode o = overview();
      assertThat(committed(o)).isEqualTo("100.00");
      assertThat(Instant.parse(o.path("asOf").asString())).isBeforeOrEqualTo(oldestMissing);
      JsonNode funds = source(o, "funds-service");
      assertThat(funds).as("behind.sources for funds-service in %s", o).isNotNull();
      assertThat(funds.path("waitingEvents").asInt()).isGreaterThanOrEqualTo(20);
      assertThat(funds.path("oldestWaitingSince").asString()).isNotBlank();
      assertThat(o.path("behind").path("seconds").asLong()).isGreaterThanOrEqualTo(3);
    });
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode o = overview();
      assertThat(committed(o)).isEqualTo("100.00");
      assertThat(Instant.parse(o.path("asOf").asString())).isBeforeOrEqualTo(oldestMissing);
      assertThat(o.has("behind")).isTrue();
    });

    broker.start();
    Instant last = Instant.now();
    await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
      JsonNode o = overview();
      assertThat(committed(o)).isEqualTo("2100.00");
      assertThat(Instant.parse(o.path("asOf").asString())).isAfter(last);
      assertThat(o.has("behind")).as("behind in %s", o).isFalse();
    });
  }

  static JsonNode source(JsonNode o, String service) {
    for (JsonNode s : o.path("behind").path("sources")) {
      if (service.equals(s.path("service").asString())) return s;
    }
    return null;
  }
}
