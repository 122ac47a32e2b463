package village.gateway.health;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import village.gateway.routing.Instances;
import village.gateway.GatewayProperties;

/** The gateway is healthy when the services are (at least one instance of each): one indicator per service asking its {@code /actuator/health}. */
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

  /** UP when one instance of the service answers (the gateway balances over those that do); each instance's state in the details. */
  private static ReactiveHealthIndicator indicator(String urls) {
    List<String> instances = Instances.urls(urls).stream().map(URI::toString).toList();
    List<WebClient> clients = instances.stream().map(u -> WebClient.builder().baseUrl(u).build()).toList();
    return () -> Flux.range(0, instances.size())
        .flatMapSequential(i -> clients.get(i).get().uri("/actuator/health").retrieve().toBodilessEntity()
            .map(r -> "UP").timeout(TIMEOUT).onErrorResume(e -> Mono.just("DOWN " + e.getClass().getSimpleName()))
            .map(state -> Map.entry(instances.get(i), state)))
        .collectList()
        .map(states -> {
          boolean up = states.stream().anyMatch(e -> e.getValue().equals("UP"));
          Health.Builder h = up ? Health.up() : Health.down();
          if (instances.size() == 1) {
            h.withDetail("url", instances.get(0));
            if (!up) h.withDetail("error", states.get(0).getValue().substring("DOWN ".length()));
          } else {
            h.withDetail("instances", new java.util.LinkedHashMap<>(states.stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> x, java.util.LinkedHashMap::new))));
          }
          return h.build();
        });
  }
}
