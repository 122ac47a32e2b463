package village.reporting.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import village.devstack.Api;
import village.devstack.RealInfrastructure;
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
import village.reporting.ReportingServiceApplication;

/**
 * Two reporting-service instances on one Kafka and one MongoDB, each with its own database and consumer group (as
 * deploy/k8s gives every pod of the StatefulSet): both read every partition, so both answer the same complete
 * statistics; a restarted instance resumes its own projection and stays identical. The second instance gets its
 * settings the way the manifests give them, as environment variables (MONGODB_DATABASE, VILLAGE_REPORTING_CONSUMERGROUP).
 */
@ExtendWith(RealInfrastructure.class)
class TwoInstancesIT {
  static final String T = "两镇";
  static final LocalDate D = LocalDate.of(2023, 4, 1);
  static final Map<String, String> INFRA = RealInfrastructure.properties(TwoInstancesIT.class);
  static KafkaProducer<String, String> producer;
  static Outbox outbox;
  static ConfigurableApplicationContext a;
  static ConfigurableApplicationContext b;

  @BeforeAll
  static void start() {
    producer = new KafkaProducer<>(KafkaSettings.producer(RealInfrastructure.kafkaBootstrapServers(), "test"));
    outbox = new Outbox(new EventCodec(), INFRA.get("village.kafka.topic-prefix"), Clock.systemUTC());
    a = instanceByProperties("reporting-a");
    b = instanceByEnvironment("reporting-b");
  }

  @AfterAll
  static void stop() {
    if (a != null) a.close();
    if (b != null) b.close();
    producer.close();
  }

  /** An instance configured with Spring property names. */
  static ConfigurableApplicationContext instanceByProperties(String name) {
    Map<String, Object> p = new HashMap<>(INFRA);
    p.put("village.mongodb.database", INFRA.get("village.mongodb.database") + "_" + name.replace('-', '_'));
    p.put("village.reporting.consumer-group", name);
    return run(p, Map.of());
  }

  /** An instance configured as the Kubernetes manifests do: the database and the group as environment variables. */
  static ConfigurableApplicationContext instanceByEnvironment(String name) {
    Map<String, Object> p = new HashMap<>(INFRA);
    p.remove("village.mongodb.database"); // application.yml: ${MONGODB_DATABASE:reporting}
    return run(p, Map.of("MONGODB_DATABASE", INFRA.get("village.mongodb.database") + "_" + name.replace('-', '_'),
        "VILLAGE_REPORTING_CONSUMERGROUP", name));
  }

  /** Properties above application.yml (as a test's would be), and a pod's environment variables below them. */
  static ConfigurableApplicationContext run(Map<String, Object> properties, Map<String, Object> environment) {
    Map<String, Object> p = new HashMap<>(properties);
    p.put("server.port", "0");
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new SystemEnvironmentPropertySource("pod-systemEnvironment", environment));
    env.getPropertySources().addFirst(new MapPropertySource("test", p));
    return new SpringApplicationBuilder(ReportingServiceApplication.class).environment(env).run();
  }

  static Api api(ConfigurableApplicationContext c) {
    return new Api(((WebServerApplicationContext) c).getWebServer().getPort());
  }

  static void send(String topic, DomainEvent event, long sequence) {
    OutboxEntry e = outbox.entry(topic, event, sequence, "test", Map.of());
    producer.send(new ProducerRecord<>(e.topic(), e.key(), e.payload()));
  }

  /** The county overview without the per-instance freshness fields (asOf, lag, gaps: each instance's own). */
  static JsonNode figures(ConfigurableApplicationContext c) {
    Api.Response r = api(c).get("/api/stats/overview?year=2023", Api.county());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    ObjectNode o = (ObjectNode) r.json();
    List.of("asOf", "lag", "behind", "gaps", "rebuilding", "rebuild", "generation").forEach(o::remove);
    return o;
  }

  @Test
  void theManifestsEnvironmentVariablesNameTheDatabaseAndTheGroup() {
    assertThat(b.getEnvironment().getProperty("village.mongodb.database"))
        .isEqualTo(INFRA.get("village.mongodb.database") + "_reporting_b");
    assertThat(b.getEnvironment().getProperty("village.reporting.consumer-group")).isEqualTo("reporting-b");
  }

  @Test
  void bothInstancesAnswerTheSameCompleteStatisticsAndARestartedOneResumesItsOwn() {
    for (int i = 1; i <= 6; i++) send(Topics.PARTNERSHIPS, new VillageRegistered("LZ00" + i, "村" + i, "VILLAGE", T, "安平县"), 1);
    for (int i = 1; i <= 4; i++) {
      send(Topics.PARTNERSHIPS, new PartnershipRegistered("p" + i, "o" + i, "ENTERPRISE", "LZ00" + i, T, D, List.of()), 1);
    }
    send(Topics.PROJECTS, new ProjectRegistered("j1", "香菇基地", "MUSHROOM", List.of("LZ001"), List.of("p1"), "o1",
        new BigDecimal("200"), "MU", "800000.00", D, null, "PLANNED", List.of()), 1);
    send(Topics.FUNDS, new FundCommitted("f1", "SOCIAL_CAPITAL", "o1", "j1", "LZ001", T, "600000.00", D), 1);
    send(Topics.FUNDS, new FundDisbursed("f1", "d1", "250000.00", D), 2);
    for (int i = 1; i <= 6; i++) send(Topics.FUNDS, new CollectiveIncomeReported("LZ00" + i, T, 2023, (100000 * i) + ".00"), 1);
    producer.flush();

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      JsonNode fa = figures(a);
      assertThat(fa.path("villages").path("total").asLong()).isEqualTo(6);
      assertThat(fa.path("partnerships").path("active").asLong()).isEqualTo(4);
      assertThat(fa.path("investment").path("disbursed").asString()).isEqualTo("250000.00");
      assertThat(fa.path("collectiveIncome").path("total").asString()).isEqualTo("2100000.00");
      assertThat(figures(b)).isEqualTo(fa);
    });

    // one instance lost and started again: it resumes its own projection (its committed offsets, its stored model)
    b.close();
    send(Topics.FUNDS, new FundDisbursed("f1", "d2", "50000.00", D), 3); // while b is down
    producer.flush();
    b = instanceByEnvironment("reporting-b");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      JsonNode fa = figures(a);
      assertThat(fa.path("investment").path("disbursed").asString()).isEqualTo("300000.00");
      assertThat(fa.path("villages").path("total").asLong()).isEqualTo(6);
      assertThat(figures(b)).isEqualTo(fa); // nothing doubled by the restart, nothing missed while it was down
    });
  }
}
