package village.gateway.health;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import village.gateway.GatewayProperties;

/** The gateway is healthy when the four services are: one indicator per service asking its {@code /actuator/health}. */
@Configuration(proxyBeanMethods = false)
class ServicesHealth {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Bean
  ReactiveHealthIndicator partnershipService(GatewayProperties p) {
    return indicator(p.services().partnership());
  }

  @Bean
  ReactiveHealthIndicator projectService(GatewayProperties p) {
    return indicator(p.services().project());
  }

  @Bean
  ReactiveHealthIndicator fundsService(GatewayProperties p) {
    return indicator(p.services().funds());
  }

  @Bean
  ReactiveHealthIndicator reportingService(GatewayProperties p) {
    return indicator(p.services().reporting());
  }

  @Bean
  ReactiveHealthIndicator identityService(GatewayProperties p) {
    return indicator(p.services().identity());
  }

  @Bean
  ReactiveHealthIndicator importService(GatewayProperties p) {
    return indicator(p.services().imports());
  }

  private static ReactiveHealthIndicator indicator(String baseUrl) {
    WebClient client = WebClient.builder().baseUrl(baseUrl).build();
    return () -> client.get().uri("/actuator/health").retrieve().toBodilessEntity()
        .map(r -> Health.up().withDetail("url", baseUrl).build())
        .timeout(TIMEOUT)
        .onErrorResume(e -> Mono.just(Health.down().withDetail("url", baseUrl).withDetail("error", e.getClass().getSimpleName()).build()));
  }
}
