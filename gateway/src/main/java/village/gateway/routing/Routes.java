package village.gateway.routing;

import java.util.Set;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import village.gateway.GatewayProperties;

/**
 * Every path family of API.md to its service, each behind its own circuit breaker (fallback: a 503 problem for every
 * method) and, for GET only, a retry on connection errors and 502/503/504. The services' OpenAPI documents are
 * served under {@code /openapi/<service>} for Swagger UI.
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
  RouteLocator villageRoutes(RouteLocatorBuilder builder, GatewayProperties props) {
    var s = props.services();
    return builder.routes()
        .route("partnership-service", r -> r.path("/api/villages/**", "/api/organizations/**", "/api/partnerships/**", "/api/needs/**")
            .filters(f -> resilient(f, "partnership-service")).uri(s.partnership()))
        .route("project-service", r -> r.path("/api/projects/**")
            .filters(f -> resilient(f, "project-service")).uri(s.project()))
        .route("funds-service", r -> r.path("/api/funds/**", "/api/collective-income/**")
            .filters(f -> resilient(f, "funds-service")).uri(s.funds()))
        .route("reporting-service", r -> r.path("/api/stats/**")
            .filters(f -> resilient(f, "reporting-service")).uri(s.reporting()))
        .route("identity-service", r -> r.path("/api/users/**", "/api/clients/**", "/api/identity/**")
            .filters(f -> resilient(f, "identity-service")).uri(s.identity()))
        .route("import-service", r -> r.path("/api/imports", "/api/imports/**")
            .filters(f -> resilient(f, "import-service")).uri(s.imports()))
        .route("openapi-partnership", r -> r.path("/openapi/partnership").filters(f -> f.setPath("/v3/api-docs")).uri(s.partnership()))
        .route("openapi-project", r -> r.path("/openapi/project").filters(f -> f.setPath("/v3/api-docs")).uri(s.project()))
        .route("openapi-funds", r -> r.path("/openapi/funds").filters(f -> f.setPath("/v3/api-docs")).uri(s.funds()))
        .route("openapi-identity", r -> r.path("/openapi/identity").filters(f -> f.setPath("/v3/api-docs")).uri(s.identity()))
        .route("openapi-reporting", r -> r.path("/openapi/reporting").filters(f -> f.setPath("/v3/api-docs")).uri(s.reporting()))
        .route("openapi-import", r -> r.path("/openapi/import").filters(f -> f.setPath("/v3/api-docs")).uri(s.imports()))
        .build();
  }

  private static GatewayFilterSpec resilient(GatewayFilterSpec f, String service) {
    return f
        .circuitBreaker(c -> c.setName(service).setFallbackUri("forward:/fallback/" + service).setStatusCodes(FAILURE_STATUSES))
        .retry(c -> c.setRetries(2).setMethods(HttpMethod.GET).setSeries()
            .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT));
  }
}
