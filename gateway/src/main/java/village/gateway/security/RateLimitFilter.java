package village.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import village.gateway.GatewayProperties;
import village.gateway.web.ProblemResponses;

/**
 * Per-client rate limit on {@code /api/**}, by token subject: a token bucket ({@code requests-per-second} sustained,
 * {@code burst} at once) in this instance's memory. Over the limit → 429 with Retry-After. With several gateway
 * instances each enforces its own share. The buckets are bounded: a subject's bucket is forgotten once it would be
 * full again (idle for burst / requests-per-second), and at most {@value #MAX_SUBJECTS} are kept (the least recently
 * used goes first), so a stream of new token subjects cannot grow the gateway's memory.
 */
@Component
public class RateLimitFilter implements WebFilter, org.springframework.core.Ordered {
  private final double perSecond;
  private final int burst;
  static final int MAX_SUBJECTS = 100_000;
  private final Cache<String, Bucket> buckets;
  private final Ticker ticker;

  @Autowired
  public RateLimitFilter(GatewayProperties props) {
    this(props.rateLimit(), Ticker.systemTicker());
  }

  RateLimitFilter(GatewayProperties.RateLimit limit, Ticker ticker) {
    this.perSecond = limit.requestsPerSecond();
    this.burst = limit.burst();
    this.ticker = ticker;
    Duration refill = Duration.ofMillis((long) Math.ceil(burst / perSecond * 1000) + 1000);
    this.buckets = Caffeine.newBuilder().maximumSize(MAX_SUBJECTS).expireAfterAccess(refill).ticker(ticker).executor(Runnable::run).build();
  }

  /** How many subjects have a bucket now (for tests). */
  long subjects() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  @Override
  public int getOrder() {
    return SecurityWebFiltersOrder.AUTHORIZATION.getOrder() + 1; // after the token is verified
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!exchange.getRequest().getPath().value().startsWith("/api/")) return chain.filter(exchange);
    return exchange.getPrincipal().map(p -> p.getName() == null ? "" : p.getName()).defaultIfEmpty("")
        .flatMap(subject -> {
          if (subject.isEmpty()) return chain.filter(exchange);
          Bucket b = buckets.get(subject, s -> new Bucket(burst, ticker.read()));
          double waitSeconds = b.take(ticker.read(), perSecond, burst);
          if (waitSeconds <= 0) return chain.filter(exchange);
          long retryAfter = Math.max(1, (long) Math.ceil(waitSeconds));
          return ProblemResponses.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
              "More than " + perSecond + " requests per second from '" + subject + "'; slow down.",
              Map.of("Retry-After", Long.toString(retryAfter)));
        });
  }

  /** Tokens refill continuously; take() returns 0 when a token was taken, else the seconds until one is there. */
  static final class Bucket {
    private double tokens;
    private long last;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.last = now;
    }

    synchronized double take(long now, double perSecond, int burst) {
      tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (1 - tokens) / perSecond;
    }
  }
}
