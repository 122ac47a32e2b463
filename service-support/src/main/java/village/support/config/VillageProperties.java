package village.support.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every service shares (environment variables in brackets):
 * {@code village.mongodb.uri} (MONGODB_URI), {@code village.mongodb.database},
 * {@code village.mongodb.write-concern} and {@code .journal} (majority, journaled; a write concern in the URI wins),
 * {@code village.mongodb.server-selection-timeout / connect-timeout / socket-timeout / retry-after},
 * {@code village.kafka.bootstrap-servers} (KAFKA_BOOTSTRAP_SERVERS), {@code village.kafka.topic-prefix},
 * {@code village.kafka.topics.*} (the topics the service creates at start-up),
 * {@code village.security.jwt.jwk-set-uri} (JWT_JWK_SET_URI: the identity provider's JWK set) or {@code .issuer-uri}
 * (JWT_ISSUER_URI: discovered from the issuer), {@code village.outbox.sweep-interval}, {@code .watermark-interval}, {@code .in-flight-limit}, {@code .instance-id},
 * {@code village.references.*} for calls to other services.
 */
@ConfigurationProperties("village")
public record VillageProperties(
    @DefaultValue Mongodb mongodb,
    @DefaultValue Kafka kafka,
    @DefaultValue Security security,
    @DefaultValue OutboxSettings outbox,
    @DefaultValue References references,
    @DefaultValue("1048576") long maxBodyBytes) {

  /**
   * The database and how long a request waits for it: {@code serverSelectionTimeout} (no reachable server),
   * {@code connectTimeout} (opening a connection), {@code socketTimeout} (an answer to a sent command; 0 = forever).
   * A request against an unavailable database fails within these with 503 and {@code Retry-After: retryAfter}.
   * {@code writeConcern}: the {@code w} of every write (a number, {@code majority} or a tag set name), {@code journal}:
   * acknowledged only once in the journal; both ignored if the URI sets a write concern ({@code w}, {@code journal}).
   * (The driver's monitor also uses {@code connectTimeout} to wait for a server's hello: on a loaded machine a round
   * trip of over a second was seen, so 2 s marked a live server unreachable. The socket time-out stays below the
   * gateway's 10 s response time-out, so that the service's own, more precise 503 arrives first.)
   */
  public record Mongodb(
      @DefaultValue("mongodb://127.0.0.1:27017") String uri,
      @DefaultValue("village") String database,
      @DefaultValue("5s") Duration serverSelectionTimeout,
      @DefaultValue("5s") Duration connectTimeout,
      @DefaultValue("9s") Duration socketTimeout,
      @DefaultValue("5s") Duration retryAfter,
      @DefaultValue("majority") String writeConcern,
      @DefaultValue("true") boolean journal) {}

  /** Kafka: the cluster, the topic namespace (tests), and the topics this service makes sure exist. */
  public record Kafka(
      @DefaultValue("127.0.0.1:9092") String bootstrapServers,
      @DefaultValue("") String topicPrefix,
      @DefaultValue Topics topics) {}

  /**
   * The topics this service ensures at start-up ({@code provision}: names without prefix, e.g. the one it writes),
   * created with {@code partitions}, {@code replicationFactor}, {@code min.insync.replicas} and unlimited retention.
   * An existing topic with a finite retention is a WARN ({@code onFiniteRetention=warn}) or stops the start-up
   * ({@code refuse}); while Kafka is unreachable the check is retried every {@code retryInterval} in the background.
   */
  public record Topics(
      @DefaultValue List<String> provision,
      @DefaultValue("3") int partitions,
      @DefaultValue("1") short replicationFactor,
      @DefaultValue("1") int minInsyncReplicas,
      @DefaultValue("warn") FiniteRetention onFiniteRetention,
      @DefaultValue("10s") Duration retryInterval,
      @DefaultValue("5s") Duration startupTimeout) {}

  public enum FiniteRetention { WARN, REFUSE }

  public record Security(@DefaultValue Jwt jwt) {}

  public record Jwt(String issuerUri, String jwkSetUri) {}

  /**
   * The relay: {@code sweep-interval} for leftovers; {@code watermark-interval} between watermarks (0 = none);
   * {@code in-flight-limit}: a write that has not reached the relay after this long stops holding the watermark back;
   * {@code instance-id} names this instance in its watermarks (default: host, process id and a random suffix).
   */
  public record OutboxSettings(
      @DefaultValue("30s") Duration sweepInterval,
      @DefaultValue("1s") Duration watermarkInterval,
      @DefaultValue("30s") Duration inFlightLimit,
      String instanceId) {}

  /** Calls that validate references in another service: time limit, retries (GET only), breaker, bulkhead. */
  public record References(
      @DefaultValue("300ms") Duration connectTimeout,
      @DefaultValue("1s") Duration timeout,
      @DefaultValue("2") int maxAttempts,
      @DefaultValue("10") int slidingWindow,
      @DefaultValue("5") int minimumCalls,
      @DefaultValue("50") float failureRatePercent,
      @DefaultValue("5s") Duration openFor,
      @DefaultValue("32") int maxConcurrent) {}
}
