package village.support.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every service shares (environment variables in brackets):
 * {@code village.mongodb.uri} (MONGODB_URI), {@code village.mongodb.database},
 * {@code village.kafka.bootstrap-servers} (KAFKA_BOOTSTRAP_SERVERS), {@code village.kafka.topic-prefix},
 * {@code village.security.jwt.secret} (JWT_SECRET) or {@code .issuer-uri} (JWT_ISSUER_URI) or
 * {@code .jwk-set-uri} (JWT_JWK_SET_URI), {@code village.outbox.sweep-interval}, {@code .watermark-interval}, {@code .in-flight-limit}, {@code .instance-id},
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

  public record Mongodb(@DefaultValue("mongodb://127.0.0.1:27017") String uri, @DefaultValue("village") String database) {}

  public record Kafka(@DefaultValue("127.0.0.1:9092") String bootstrapServers, @DefaultValue("") String topicPrefix) {}

  public record Security(@DefaultValue Jwt jwt) {}

  public record Jwt(String secret, String issuerUri, String jwkSetUri) {}

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
