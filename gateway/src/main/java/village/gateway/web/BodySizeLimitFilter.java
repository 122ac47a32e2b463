package village.gateway.web;

import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import village.gateway.GatewayProperties;

/**
 * A request body declared larger than {@code village.gateway.max-body-bytes} (1 MiB) is refused with 413 before it is
 * read or forwarded. A chunked body without a length passes on; the services enforce the same limit while reading.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BodySizeLimitFilter implements WebFilter {
  private final long max;

  public BodySizeLimitFilter(GatewayProperties props) {
    this.max = props.maxBodyBytes();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    long length = exchange.getRequest().getHeaders().getContentLength();
    if (length > max) {
      return ProblemResponses.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
          "The request body exceeds " + max + " bytes.", Map.of("Connection", "close"));
    }
    return chain.filter(exchange);
  }
}
