package village.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers each verified token for its lifetime, so a caller sending the same bearer token again costs a map
 * look-up instead of a signature check (HS256 is cheap; RS256/ES256 from an OIDC provider are not).
 *
 * <p>Only successfully verified tokens are kept, under their exact text (a changed byte is another key and is
 * verified afresh); an entry leaves the cache when its {@code exp} passes, and a hit is checked against the clock
 * again, so a cached token is never accepted from the cache after it expired (the verifying decoder, with its
 * validators and clock skew, decides then). Bounded by {@code maxEntries}.
 */
public final class CachingJwtDecoder implements ReactiveJwtDecoder {
  private final ReactiveJwtDecoder delegate;
  private final Clock clock;
  private final Cache<String, Jwt> verified;

  public CachingJwtDecoder(ReactiveJwtDecoder delegate, long maxEntries, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
    this.verified = Caffeine.newBuilder()
        .maximumSize(maxEntries)
        .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> lifetimeLeft(jwt)))
        .build();
  }

  @Override
  public Mono<Jwt> decode(String token) throws JwtException {
    Jwt hit = verified.getIfPresent(token);
    if (hit != null) {
      if (!expired(hit)) return Mono.just(hit);
      verified.invalidate(token); // past its exp: the verifying decoder has the last word (its clock skew applies)
    }
    return delegate.decode(token).doOnNext(jwt -> {
      if (jwt.getExpiresAt() != null && !expired(jwt)) verified.put(token, jwt);
    });
  }

  long size() {
    verified.cleanUp();
    return verified.estimatedSize();
  }

  private boolean expired(Jwt jwt) {
    return jwt.getExpiresAt() == null || !clock.instant().isBefore(jwt.getExpiresAt());
  }

  private Duration lifetimeLeft(Jwt jwt) {
    Instant exp = jwt.getExpiresAt();
    if (exp == null) return Duration.ZERO;
    Duration left = Duration.between(clock.instant(), exp);
    return left.isNegative() ? Duration.ZERO : left;
  }
}
