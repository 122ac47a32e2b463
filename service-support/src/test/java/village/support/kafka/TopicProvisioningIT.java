package village.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import village.devstack.KafkaBroker;
import village.devstack.RealInfrastructure;
import village.events.Topics;
import village.support.config.VillageProperties;

/** A service's start-up topic check against the real broker (which creates no topics by itself). */
@ExtendWith(RealInfrastructure.class)
class TopicProvisioningIT {
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  final Logger logger = (Logger) LoggerFactory.getLogger(TopicProvisioning.class);

  @BeforeEach
  void capture() {
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logs);
  }

  static VillageProperties.Kafka kafka(String bootstrap, String prefix, int partitions, VillageProperties.FiniteRetention policy,
      String... topics) {
    return new VillageProperties.Kafka(bootstrap, prefix, new VillageProperties.Topics(List.of(topics), partitions, (short) 1, 1,
        policy, Duration.ofMillis(500), Duration.ofSeconds(5)));
  }

  static Admin admin(String bootstrap) {
    return Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  static String prefix() {
    return "s" + UUID.randomUUID().toString().substring(0, 8) + ".";
  }

  @Test
  void createsTheServicesTopicsUnderThePrefixWithTheConfiguredPartitionsAndRetentionMinusOne() throws Exception {
    String prefix = prefix();
    String bootstrap = RealInfrastructure.kafkaBootstrapServers();
    var provisioning = new TopicProvisioning(kafka(bootstrap, prefix, 2, VillageProperties.FiniteRetention.WARN,
        Topics.FUNDS, Topics.PROJECTS), "test");
    provisioning.afterPropertiesSet();
    try {
      assertThat(provisioning.status()).isEqualTo("ready");
      String funds = prefix + Topics.FUNDS;
      try (Admin admin = admin(bootstrap)) {
        assertThat(admin.listTopics().names().get()).contains(funds, prefix + Topics.PROJECTS).doesNotContain(prefix + Topics.PARTNERSHIPS);
        assertThat(admin.describeTopics(List.of(funds)).allTopicNames().get().get(funds).partitions()).hasSize(2);
        var r = new ConfigResource(ConfigResource.Type.TOPIC, funds);
        assertThat(admin.describeConfigs(List.of(r)).all().get().get(r).get("retention.ms").value()).isEqualTo("-1");
      }
      assertThat(logs.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
    } finally {
      provisioning.destroy();
    }
  }

  @Test
  void anExistingTopicWithAWeeksRetentionIsALoudWarning() throws Exception {
    String prefix = prefix();
    String bootstrap = RealInfrastructure.kafkaBootstrapServers();
    weekLong(bootstrap, prefix + Topics.FUNDS);
    var provisioning = new TopicProvisioning(kafka(bootstrap, prefix, 3, VillageProperties.FiniteRetention.WARN, Topics.FUNDS), "test");
    provisioning.afterPropertiesSet(); // starts
    provisioning.destroy();
    assertThat(provisioning.status()).startsWith("finite retention").contains("retention.ms=604800000");
    assertThat(logs.list).anySatisfy(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getFormattedMessage()).contains(prefix + Topics.FUNDS).contains("retention.ms=604800000")
          .contains("silently loses them").contains("retention.ms=-1");
    });
  }

  @Test
  void withRefuseTheStartFailsWithAClearMessage() throws Exception {
    String prefix = prefix();
    String bootstrap = RealInfrastructure.kafkaBootstrapServers();
    weekLong(bootstrap, prefix + Topics.PARTNERSHIPS);
    var provisioning = new TopicProvisioning(kafka(bootstrap, prefix, 3, VillageProperties.FiniteRetention.REFUSE,
        Topics.PARTNERSHIPS), "test");
    assertThatThrownBy(provisioning::afterPropertiesSet)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(prefix + Topics.PARTNERSHIPS)
        .hasMessageContaining("retention.ms=604800000")
        .hasMessageContaining("Refusing to start (village.kafka.topics.on-finite-retention=refuse)");
    provisioning.destroy();
  }

  @Test
  void kafkaDownAtStartUpDoesNotStopTheStartAndTheTopicsAreCreatedWhenItComes(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String bootstrap = "127.0.0.1:" + port;
    var provisioning = new TopicProvisioning(kafka(bootstrap, "", 3, VillageProperties.FiniteRetention.REFUSE,
        Topics.FUNDS), "test");
    provisioning.afterPropertiesSet(); // returns after the start-up wait although nothing answers
    assertThat(provisioning.status()).isEqualTo("pending");
    assertThat(logs.list).anyMatch(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("starts anyway"));
    KafkaBroker broker = KafkaBroker.start(dir, port, 0);
    try {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
          .until(() -> provisioning.status().equals("ready"));
      try (Admin admin = admin(bootstrap)) {
        assertThat(admin.listTopics().names().get()).contains(Topics.FUNDS);
      }
    } finally {
      provisioning.destroy();
      broker.stop();
    }
  }

  static void weekLong(String bootstrap, String topic) throws Exception {
    try (Admin admin = admin(bootstrap)) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("retention.ms", "604800000")))).all().get();
    }
  }
}
