package village.gateway.routing;

import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import village.gateway.GatewayProperties;
import village.gateway.web.ProblemResponses;

/**
 * The answer to a call that failed on every instance tried or was refused by their breakers, whatever its method: 503
 * problem with Retry-After.
 * A read says the service is unavailable. A write says its outcome is unknown: the backend may have applied it
 * before its answer was lost (a time-out, a reset connection), so the client must not assume either way and
 * should retry with the same {@code Idempotency-Key} (a keyed create returns the stored resource).
 */
@Component
class FallbackController {
  private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
  private final long retryAfterSeconds;

  FallbackController(GatewayProperties props) {
    this.retryAfterSeconds = Math.max(1, props.breaker().openFor().toSeconds());
  }

  Mono<Void> answer(ServerWebExchange exchange, String service, Throwable cause) {
    String why = cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")";
    Map<String, String> headers = Map.of("Retry-After", Long.toString(retryAfterSeconds));
    if (WRITES.contains(exchange.getRequest().getMethod())) {
      return ProblemResponses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "outcome-unknown", "Outcome unknown",
          service + " did not answer" + why + ": the outcome of this " + exchange.getRequest().getMethod().name()
              + " is unknown — it may or may not have been applied. Retrying it with the same Idempotency-Key is safe"
              + " (a create with that key returns the resource it stored); retry after " + retryAfterSeconds + " s.",
          Map.of("outcome", "unknown", "retryAfterSeconds", retryAfterSeconds), headers);
    }
    return ProblemResponses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
        service + " is unavailable" + why + "; retry after " + retryAfterSeconds + " s.",
        Map.of("retryAfterSeconds", retryAfterSeconds), headers);
  }
}
