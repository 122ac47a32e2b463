package village.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import village.devstack.RealInfrastructure;
import village.events.Topics;

/** {@link TopicProvisioner} against the real broker (which creates no topics by itself). */
@ExtendWith(RealInfrastructure.class)
class TopicProvisionerIT {

  static Admin admin() {
    return Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers()));
  }

  /** For tests that produce raw records: the three event topics under {@code prefix}, as a service would create them. */
  static void create(String prefix) {
    try (Admin admin = admin()) {
      TopicProvisioner.ensure(admin, Topics.all().stream().map(t -> Topics.named(prefix, t)).toList(),
          TopicProvisioner.Settings.local(), Duration.ofSeconds(30));
    } catch (Exception e) {
      throw new IllegalStateException("could not create the test topics", e);
    }
  }

  static Config config(Admin admin, String topic) throws Exception {
    var r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin.describeConfigs(List.of(r)).all().get().get(r);
  }

  @Test
  void createsMissingTopicsWithThePartitionsAndUnlimitedRetentionOnTheTopicItself() throws Exception {
    String a = "p" + UUID.randomUUID() + ".village.funds.v1";
    String b = "p" + UUID.randomUUID() + ".village.projects.v1";
    try (Admin admin = admin()) {
      var result = TopicProvisioner.ensure(admin, List.of(a, b), new TopicProvisioner.Settings(2, (short) 1, 1), Duration.ofSeconds(30));
      assertThat(result.created()).containsExactlyInAnyOrder(a, b);
      assertThat(result.existing()).isEmpty();
      assertThat(result.finiteRetention()).isEmpty();
      assertThat(admin.describeTopics(List.of(a)).allTopicNames().get().get(a).partitions()).hasSize(2);
      Config c = config(admin, a);
      for (String key : List.of("retention.ms", "retention.bytes")) {
        assertThat(c.get(key).value()).as(key).isEqualTo("-1");
        assertThat(c.get(key).source()).as(key + " is set on the topic, not inherited from the broker")
            .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
      }
      assertThat(c.get("min.insync.replicas").value()).isEqualTo("1");
      assertThat(c.get("min.insync.replicas").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);

      var again = TopicProvisioner.ensure(admin, List.of(a, b), TopicProvisioner.Settings.local(), Duration.ofSeconds(30));
      assertThat(again.created()).isEmpty();
      assertThat(again.existing()).containsExactlyInAnyOrder(a, b);
      assertThat(again.finiteRetention()).isEmpty();
    }
  }

  @Test
  void reportsExistingTopicsThatLoseHistory() throws Exception {
    String week = "p" + UUID.randomUUID() + ".village.funds.v1";
    String compacted = "p" + UUID.randomUUID() + ".village.partnerships.v1";
    String fine = "p" + UUID.randomUUID() + ".village.projects.v1";
    try (Admin admin = admin()) {
      admin.createTopics(List.of(
          new NewTopic(week, 1, (short) 1).configs(Map.of("retention.ms", "604800000")),
          new NewTopic(compacted, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
      var result = TopicProvisioner.ensure(admin, List.of(week, compacted, fine), TopicProvisioner.Settings.local(), Duration.ofSeconds(30));
      assertThat(result.created()).containsExactly(fine);
      assertThat(result.existing()).containsExactlyInAnyOrder(week, compacted);
      assertThat(result.finiteRetention()).containsOnlyKeys(week, compacted);
      assertThat(result.finiteRetention().get(week)).isEqualTo("retention.ms=604800000");
      assertThat(result.finiteRetention().get(compacted)).contains("cleanup.policy=compact");
      assertThat(config(admin, week).get("retention.ms").value()).as("never changes an existing topic").isEqualTo("604800000");
    }
  }
}
