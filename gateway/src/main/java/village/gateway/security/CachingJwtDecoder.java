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
 * validators and clock skew, decides then). An entry is also trusted for at most {@code maxAge} (5 min by default,
 * as long as the verifier keeps a JWK set it fetched): after that the token is verified again, so a token the
 * verifier would now refuse (its key withdrawn from the provider's JWK set) is refused within {@code maxAge}.
 * Bounded by {@code maxEntries}.
 */
public final class CachingJwtDecoder implements ReactiveJwtDecoder {
  private final ReactiveJwtDecoder delegate;
  private final Clock clock;
  private final Duration maxAge;
  private final Cache<String, Verified> verified;

  /** A verified token and when it was verified. */
  private record Verified(Jwt jwt, Instant at) {}

  public CachingJwtDecoder(ReactiveJwtDecoder delegate, long maxEntries, Clock clock) {
    this(delegate, maxEntries, Duration.ofMinutes(5), clock);
  }

  public CachingJwtDecoder(ReactiveJwtDecoder delegate, long maxEntries, Duration maxAge, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
    this.maxAge = maxAge;
    this.verified = Caffeine.newBuilder()
        .maximumSize(maxEntries)
        .expireAfter(Expiry.<String, Verified>creating((token, v) -> {
          Duration left = lifetimeLeft(v.jwt());
          return left.compareTo(maxAge) < 0 ? left : maxAge;
        }))
        .build();
  }

  @Override
  public Mono<Jwt> decode(String token) throws JwtException {
    Verified hit = verified.getIfPresent(token);
    if (hit != null) {
      if (!expired(hit.jwt()) && clock.instant().isBefore(hit.at().plus(maxAge))) return Mono.just(hit.jwt());
      // past its exp or trusted long enough: the verifying decoder has the last word (its clock skew applies)
      verified.invalidate(token);
    }
    return delegate.decode(token).doOnNext(jwt -> {
      if (jwt.getExpiresAt() != null && !expired(jwt)) verified.put(token, new Verified(jwt, clock.instant()));
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
