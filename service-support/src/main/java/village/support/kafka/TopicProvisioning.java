package village.support.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import village.events.Topics;
import village.messaging.TopicProvisioner;
import village.support.config.VillageProperties;

/**
 * At start-up, makes sure this service's topics ({@code village.kafka.topics.provision}, under the topic prefix)
 * exist with unlimited retention ({@link TopicProvisioner}). An existing topic with a finite retention is a loud
 * WARN, or — with {@code village.kafka.topics.on-finite-retention=refuse} — stops the start-up. Kafka unreachable
 * at start-up does not stop the service (writes wait in the outbox): the check is retried in the background every
 * {@code retry-interval} until it succeeds (a finite retention found then can only be logged, as an ERROR).
 */
public final class TopicProvisioning implements InitializingBean, DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(TopicProvisioning.class);

  private final List<String> topics;
  private final VillageProperties.Topics config;
  private final String bootstrapServers;
  private final String clientId;
  private Admin admin;
  private ScheduledExecutorService retries;
  private volatile String status;

  public TopicProvisioning(VillageProperties.Kafka kafka, String clientId) {
    this.topics = kafka.topics().provision().stream().map(String::trim).filter(t -> !t.isEmpty())
        .map(t -> Topics.named(kafka.topicPrefix(), t)).distinct().toList();
    this.config = kafka.topics();
    this.bootstrapServers = kafka.bootstrapServers();
    this.clientId = clientId;
    this.status = topics.isEmpty() ? "none to provision" : "pending";
  }

  /** {@code ready}, {@code pending} (Kafka not reached yet), {@code finite retention: …}, or {@code none to provision}. */
  public String status() {
    return status;
  }

  public List<String> topics() {
    return topics;
  }

  @Override
  public void afterPropertiesSet() {
    if (topics.isEmpty()) return;
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-topics");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    admin = Admin.create(p);
    if (attempt(config.startupTimeout(), true)) return;
    log.warn("Kafka ({}) did not answer within {}: topics {} not checked yet; the service starts anyway (events wait in"
        + " the outbox) and retries every {}", bootstrapServers, config.startupTimeout(), topics, config.retryInterval());
    retries = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "topic-provisioning");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(100, config.retryInterval().toMillis());
    retries.scheduleWithFixedDelay(() -> {
      if (attempt(Duration.ofMillis(Math.max(every, 5000)), false)) {
        retries.shutdown();
        closeAdmin();
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  /** True when done (whatever was found); false when Kafka did not answer or refused for another reason. */
  private boolean attempt(Duration timeout, boolean atStartup) {
    TopicProvisioner.Result result;
    try {
      result = TopicProvisioner.ensure(admin, topics, new TopicProvisioner.Settings(config.partitions(),
          config.replicationFactor(), config.minInsyncReplicas()), timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      if (!atStartup) log.debug("topics {} not provisioned yet: {}", topics, e.toString());
      else if (!(e instanceof java.util.concurrent.TimeoutException)) log.warn("topics {} not provisioned: {}", topics, e.toString());
      return false;
    }
    if (!result.created().isEmpty()) {
      log.info("created Kafka topics {}: {} partitions, replication factor {}, min.insync.replicas {}, retention unlimited",
          result.created(), config.partitions(), config.replicationFactor(), config.minInsyncReplicas());
    }
    if (result.finiteRetention().isEmpty()) {
      status = "ready";
      if (atStartup) closeAdmin();
      return true;
    }
    status = "finite retention: " + result.finiteRetention();
    String message = "Kafka topic(s) " + result.finiteRetention() + " do not keep their events forever: Kafka deletes older"
        + " ones, and rebuilding the read model from offset 0 then silently loses them. Set retention.ms=-1 and"
        + " retention.bytes=-1 (and cleanup.policy=delete) on them, e.g. kafka-configs.sh --bootstrap-server ... --alter"
        + " --entity-type topics --entity-name TOPIC --add-config retention.ms=-1,retention.bytes=-1.";
    if (config.onFiniteRetention() == VillageProperties.FiniteRetention.REFUSE) {
      if (atStartup) {
        closeAdmin();
        throw new IllegalStateException(message + " Refusing to start (village.kafka.topics.on-finite-retention=refuse).");
      }
      log.error("{} (found after start-up, when Kafka became reachable; village.kafka.topics.on-finite-retention=refuse"
          + " can no longer stop the start)", message);
    } else {
      log.warn("{} (village.kafka.topics.on-finite-retention=refuse would stop the start-up)", message);
    }
    if (atStartup) closeAdmin();
    return true;
  }

  private synchronized void closeAdmin() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(1));
      admin = null;
    }
  }

  @Override
  public void destroy() {
    if (retries != null) retries.shutdownNow();
    closeAdmin();
  }
}
