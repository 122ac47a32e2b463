package village.gateway.web;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import village.gateway.GatewayProperties;

/**
 * Request bodies over {@code village.gateway.max-body-bytes} (1 MiB; uploads to /api/imports:
 * {@code max-import-body-bytes}, 11 MiB) are refused with a 413 problem by the gateway
 * itself. A declared Content-Length over the limit is refused before anything is read or forwarded. A body without a
 * length (chunked) is counted as it streams to the service: the byte past the limit ends the stream with
 * {@link BodyTooLarge}, the call to the service is abandoned and {@link OversizedBodyAnswer} (inside the route's
 * breaker, so it is no failure of the service) answers 413. The rest of the client's upload is read and dropped by the
 * server (no {@code Connection: close}), so the client is not reset while still sending and reliably reads the 413.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BodySizeLimitFilter implements WebFilter {
  /** The exchange attribute set once a streamed body went past the limit. */
  static final String TRIPPED = BodySizeLimitFilter.class.getName() + ".tripped";
  private final GatewayProperties props;

  public BodySizeLimitFilter(GatewayProperties props) {
    this.props = props;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    long max = props.maxBodyBytesFor(exchange.getRequest().getPath().value());
    long length = exchange.getRequest().getHeaders().getContentLength();
    if (length > max) return tooLarge(exchange, max);
    if (length >= 0) return chain.filter(exchange); // the HTTP decoder reads no more than the declared length
    ServerWebExchange counted = exchange.mutate().request(new Counted(exchange, max)).build();
    return chain.filter(counted)
        .onErrorResume(e -> counted.getAttribute(TRIPPED) != null, e -> tooLarge(counted, max));
  }

  static Mono<Void> tooLarge(ServerWebExchange exchange, long max) {
    return ProblemResponses.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
        "The request body exceeds " + max + " bytes.", Map.of());
  }

  /** The body, failing with {@link BodyTooLarge} on the first buffer that takes it past the limit. */
  private static final class Counted extends ServerHttpRequestDecorator {
    private final ServerWebExchange exchange;
    private final long max;
    private final AtomicLong seen = new AtomicLong();

    Counted(ServerWebExchange exchange, long max) {
      super(exchange.getRequest());
      this.exchange = exchange;
      this.max = max;
    }

    @Override
    public Flux<DataBuffer> getBody() {
      return super.getBody().handle((buffer, sink) -> {
        if (seen.addAndGet(buffer.readableByteCount()) > max) {
          DataBufferUtils.release(buffer);
          exchange.getAttributes().put(TRIPPED, Boolean.TRUE);
          sink.error(new BodyTooLarge(max));
        } else {
          sink.next(buffer);
        }
      });
    }
  }

  /** A streamed request body went past the limit. */
  static final class BodyTooLarge extends RuntimeException {
    BodyTooLarge(long max) {
      super("request body over " + max + " bytes", null, false, false);
    }
  }
}
