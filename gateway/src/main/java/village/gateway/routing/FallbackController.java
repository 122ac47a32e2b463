package village.gateway.routing;

import java.util.Map;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import village.gateway.GatewayProperties;
import village.gateway.web.ProblemResponses;

/** Where a route's breaker sends a failed or refused call, whatever its method: 503 problem with Retry-After. */
@RestController
class FallbackController {
  private final long retryAfterSeconds;

  FallbackController(GatewayProperties props) {
    this.retryAfterSeconds = Math.max(1, props.breaker().openFor().toSeconds());
  }

  @RequestMapping("/fallback/{service}")
  Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
    Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
    String why = cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")";
    return ProblemResponses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
        service + " is unavailable" + why + "; nothing was done there through this request if it did not answer. Try again later.",
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }
}
