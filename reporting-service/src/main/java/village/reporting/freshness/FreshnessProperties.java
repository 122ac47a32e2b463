package village.reporting.freshness;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code village.reporting.freshness.*}: {@code behind-after} — how far {@code asOf} may trail the clock before a
 * response carries {@code behind} (watermarks come about once a second); {@code instance-timeout} — an instance of a
 * write service whose watermarks trail another instance's by more than this has stopped and no longer holds
 * {@code asOf} (keep it above the services' {@code village.outbox.sweep-interval}); {@code backlog-max-age} — how old an
 * answer of {@code /internal/outbox} may be; {@code services.<name>} — each write service's base URL.
 */
@ConfigurationProperties("village.reporting.freshness")
public record FreshnessProperties(
    @DefaultValue("3s") Duration behindAfter,
    @DefaultValue("2m") Duration instanceTimeout,
    @DefaultValue("2s") Duration backlogMaxAge,
    Map<String, String> services) {

  public FreshnessProperties {
    services = services == null ? Map.of() : Map.copyOf(services);
  }
}
