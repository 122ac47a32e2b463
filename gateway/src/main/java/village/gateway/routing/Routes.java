package village.gateway.routing;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Every path family of API.md to its service, {@code lb://SERVICE}: Spring Cloud LoadBalancer picks an instance
 * (Balancing), the call goes through that instance's own circuit breaker (InstanceBreakers), a GET is retried on
 * another instance after a connection error, time-out, open breaker or 502/503/504, a write only when it never
 * reached the instance (open breaker, connection refused), and what still fails is a 503
 * problem for every method (FallbackController). The services' OpenAPI documents are served under
 * {@code /openapi/<service>} for Swagger UI.
 */
@Configuration(proxyBeanMethods = false)
public class Routes {
  /**
   * Backend answers counted as failures by the breakers (with connection failures and time-outs): 502 and 504, the
   * backend not reachable or not answering in time. A 503 is not: it is a service saying a dependency is down. A 500 is
   * not either: it comes back at once (nothing piles up behind it), and one caller can provoke it with a request that
   * hits a bug, so counting it would let one caller's bad requests open the breaker for everyone (issue 15); it passes
   * to the client as the service sent it.
   */
  static final Set<String> FAILURE_STATUSES = Set.of("502", "504");

  @Bean
  RouteLocator villageRoutes(RouteLocatorBuilder builder, FallbackController unavailable) {
    return builder.routes()
        .route("partnership-service", r -> r.path("/api/villages/**", "/api/organizations/**", "/api/partnerships/**", "/api/needs/**")
            .filters(f -> resilient(f, "partnership-service", unavailable)).uri("lb://partnership-service"))
        .route("project-service", r -> r.path("/api/projects/**")
            .filters(f -> resilient(f, "project-service", unavailable)).uri("lb://project-service"))
        .route("funds-service", r -> r.path("/api/funds/**", "/api/collective-income/**")
            .filters(f -> resilient(f, "funds-service", unavailable)).uri("lb://funds-service"))
        .route("reporting-service", r -> r.path("/api/stats/**")
            .filters(f -> resilient(f, "reporting-service", unavailable)).uri("lb://reporting-service"))
        .route("identity-service", r -> r.path("/api/users/**", "/api/clients/**", "/api/identity/**")
            .filters(f -> resilient(f, "identity-service", unavailable)).uri("lb://identity-service"))
        .route("import-service", r -> r.path("/api/imports", "/api/imports/**")
            .filters(f -> resilient(f, "import-service", unavailable)).uri("lb://import-service"))
        .route("openapi-partnership", r -> r.path("/openapi/partnership").filters(f -> f.setPath("/v3/api-docs")).uri("lb://partnership-service"))
        .route("openapi-project", r -> r.path("/openapi/project").filters(f -> f.setPath("/v3/api-docs")).uri("lb://project-service"))
        .route("openapi-funds", r -> r.path("/openapi/funds").filters(f -> f.setPath("/v3/api-docs")).uri("lb://funds-service"))
        .route("openapi-identity", r -> r.path("/openapi/identity").filters(f -> f.setPath("/v3/api-docs")).uri("lb://identity-service"))
        .route("openapi-reporting", r -> r.path("/openapi/reporting").filters(f -> f.setPath("/v3/api-docs")).uri("lb://reporting-service"))
        .route("openapi-import", r -> r.path("/openapi/import").filters(f -> f.setPath("/v3/api-docs")).uri("lb://import-service"))
        .build();
  }

  private static GatewayFilterSpec resilient(GatewayFilterSpec f, String service, FallbackController unavailable) {
    return f
        .filter((exchange, chain) -> chain.filter(exchange).onErrorResume(e -> InstanceBreakers.failureIn(e) != null,
            e -> unavailable.answer(exchange, service, InstanceBreakers.failureIn(e).getCause())))
        .retry(c -> c.setRetries(2).setMethods(HttpMethod.GET).setSeries()
            .setExceptions(IOException.class, TimeoutException.class, InstanceBreakers.InstanceFailure.class)
            .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT))
        // a write that never reached an instance (its breaker open, its port closed) goes to another one, once
        .retry(c -> c.setRetries(1).setMethods(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)
            .setSeries().setStatuses().setExceptions(InstanceBreakers.NotSent.class));
  }
}
