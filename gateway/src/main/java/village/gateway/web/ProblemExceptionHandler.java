package village.gateway.web;

import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway raises itself (no route: 404, method not allowed: 405, a request it cannot read: 400, …)
 * as an {@code application/problem+json} answer, ahead of Spring Boot's JSON error handler. A 5xx here is a fault of
 * the gateway and is logged.
 */
@Component
@Order(-2) // before Boot's ErrorWebExceptionHandler (-1)
class ProblemExceptionHandler implements WebExceptionHandler {
  private static final Log LOG = LogFactory.getLog(ProblemExceptionHandler.class);

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
    if (exchange.getResponse().isCommitted()) return Mono.error(ex);
    HttpStatusCode code = ex instanceof ResponseStatusException rse ? rse.getStatusCode() : HttpStatus.INTERNAL_SERVER_ERROR;
    HttpStatus status = HttpStatus.resolve(code.value());
    if (status == null) status = code.is4xxClientError() ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status.is5xxServerError()) LOG.error("gateway failure on " + exchange.getRequest().getMethod() + " "
        + exchange.getRequest().getPath().value(), ex);
    String reason = ex instanceof ResponseStatusException rse && rse.getReason() != null ? rse.getReason() : status.getReasonPhrase();
    Map<String, String> headers = ex instanceof ResponseStatusException rse ? rse.getHeaders().toSingleValueMap() : Map.of();
    return ProblemResponses.write(exchange, status, slug(status), status.getReasonPhrase(), reason, headers);
  }

  private static String slug(HttpStatus s) {
    return switch (s) {
      case NOT_FOUND -> "not-found";
      case METHOD_NOT_ALLOWED -> "method-not-allowed";
      case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
      case NOT_ACCEPTABLE -> "not-acceptable";
      case CONTENT_TOO_LARGE -> "payload-too-large";
      case INTERNAL_SERVER_ERROR -> "internal-error";
      default -> s.is4xxClientError() ? "bad-request" : s.name().toLowerCase().replace('_', '-');
    };
  }
}
