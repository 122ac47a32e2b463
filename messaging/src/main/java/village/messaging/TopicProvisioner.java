package village.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes sure event topics exist, retained forever (the read model is rebuilt from offset 0): creates missing ones
 * with the given partitions, replication factor, {@code min.insync.replicas} and {@code retention.ms=-1},
 * {@code retention.bytes=-1}; reports existing ones whose retention is finite (their history would silently be
 * deleted). Never changes an existing topic. Plumbing for services (service-support) and tests that produce raw
 * records.
 */
public final class TopicProvisioner {
  private TopicProvisioner() {}

  /** How new topics are created. */
  public record Settings(int partitions, short replicationFactor, int minInsyncReplicas) {
    public static Settings local() {
      return new Settings(3, (short) 1, 1);
    }
  }

  /** {@code created}: made now; {@code existing}: there before; {@code finiteRetention}: topic → its finite setting(s). */
  public record Result(List<String> created, List<String> existing, Map<String, String> finiteRetention) {}

  /** Creates what is missing and checks what exists, within {@code timeout}; fails if Kafka does not answer. */
  public static Result ensure(Admin admin, Collection<String> topics, Settings settings, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<NewTopic> wanted = topics.stream()
        .map(t -> new NewTopic(t, settings.partitions(), settings.replicationFactor()).configs(Map.of(
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.RETENTION_BYTES_CONFIG, "-1",
            TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()))))
        .toList();
    Map<String, KafkaFuture<Void>> results = admin.createTopics(wanted,
        new CreateTopicsOptions().timeoutMs(remainingMillis(deadline))).values();
    List<String> created = new ArrayList<>();
    List<String> existing = new ArrayList<>();
    for (var e : results.entrySet()) {
      try {
        e.getValue().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        created.add(e.getKey());
      } catch (ExecutionException failed) {
        if (failed.getCause() instanceof TopicExistsException) existing.add(e.getKey());
        else throw failed;
      }
    }
    if (!created.isEmpty()) awaitLeaders(admin, created, deadline);
    Map<String, String> finite = new LinkedHashMap<>();
    if (!existing.isEmpty()) {
      List<ConfigResource> resources = existing.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
      Map<ConfigResource, Config> configs = admin.describeConfigs(resources,
          new DescribeConfigsOptions().timeoutMs(remainingMillis(deadline))).all().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
      for (var c : configs.entrySet()) {
        String why = finiteRetention(c.getValue());
        if (why != null) finite.put(c.getKey().name(), why);
      }
    }
    return new Result(List.copyOf(created), List.copyOf(existing), Map.copyOf(finite));
  }

  /**
   * What makes a topic lose history — {@code retention.ms=604800000}, {@code retention.bytes=…},
   * {@code cleanup.policy=compact} (only the last event per aggregate would stay) — or null when it keeps all.
   */
  static String finiteRetention(Config config) {
    List<String> finite = new ArrayList<>();
    for (String key : List.of(TopicConfig.RETENTION_MS_CONFIG, TopicConfig.RETENTION_BYTES_CONFIG)) {
      ConfigEntry e = config.get(key);
      if (e != null && e.value() != null && !"-1".equals(e.value().trim())) finite.add(key + "=" + e.value());
    }
    ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
    if (policy != null && policy.value() != null && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
      finite.add(TopicConfig.CLEANUP_POLICY_CONFIG + "=" + policy.value());
    }
    return finite.isEmpty() ? null : String.join(", ", finite);
  }

  /**
   * Waits until every partition of the new topics has a leader, so that what is published right after start-up does
   * not race the partitions' creation.
   */
  private static void awaitLeaders(Admin admin, List<String> topics, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    while (true) {
      boolean ready = true;
      try {
        Map<String, TopicDescription> described = admin.describeTopics(topics,
            new DescribeTopicsOptions().timeoutMs(remainingMillis(deadline))).allTopicNames()
            .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        for (TopicDescription d : described.values()) {
          for (TopicPartitionInfo p : d.partitions()) ready &= p.leader() != null && !p.leader().isEmpty();
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) throw e;
        ready = false; // created, not yet in the metadata
      }
      if (ready) return;
      if (System.nanoTime() > deadline) throw new TimeoutException("partitions of " + topics + " have no leader yet");
      Thread.sleep(50);
    }
  }

  private static int remainingMillis(long deadline) {
    return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }
}
