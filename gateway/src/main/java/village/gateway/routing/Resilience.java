package village.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import village.gateway.GatewayProperties;

/** The breakers and time limit of every route, from {@code village.gateway.breaker.*} (not Resilience4j's 1 s default). */
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
}
