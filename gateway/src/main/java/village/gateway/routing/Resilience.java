package village.gateway.routing;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import village.gateway.GatewayProperties;

/**
 * The breakers, time limit and bulkhead of every route, from {@code village.gateway.breaker.*} (not Resilience4j's 1 s
 * time limit nor Spring Cloud CircuitBreaker's 25 concurrent calls).
 */
@Configuration(proxyBeanMethods = false)
public class Resilience {
  @Bean
  Customizer<ReactiveResilience4JCircuitBreakerFactory> breakers(GatewayProperties props) {
    var b = props.breaker();
    return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
        .circuitBreakerConfig(CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(b.slidingWindow())
            .minimumNumberOfCalls(b.minimumCalls())
            .failureRateThreshold(b.failureRatePercent())
            .waitDurationInOpenState(b.openFor())
            .permittedNumberOfCallsInHalfOpenState(2)
            .automaticTransitionFromOpenToHalfOpenEnabled(true)
            .build())
        .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(b.timeLimit()).build())
        .build());
  }

  @Bean
  Customizer<ReactiveResilience4jBulkheadProvider> bulkheads(GatewayProperties props) {
    BulkheadConfig config = BulkheadConfig.custom().maxConcurrentCalls(props.breaker().maxConcurrentCalls())
        .maxWaitDuration(Duration.ZERO).build();
    return provider -> provider.configureDefault(id -> new Resilience4jBulkheadConfigurationBuilder().bulkheadConfig(config).build());
  }
}
