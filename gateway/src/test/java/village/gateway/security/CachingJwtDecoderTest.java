package village.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import village.devstack.SigningKey;
import village.devstack.Tokens;

class CachingJwtDecoderTest {
  private static final SigningKey KEY = SigningKey.generate();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
  private final AtomicInteger verifications = new AtomicInteger();
  private final CachingJwtDecoder decoder = new CachingJwtDecoder(counting(verifying()), 100, clock);

  @Test
  void aTokenIsVerifiedOnceForItsLifetime() {
    String token = sign("alice", Duration.ofMinutes(10));
    for (int i = 0; i < 5; i++) {
      assertThat(decoder.decode(token).block().getSubject()).isEqualTo("alice");
    }
    assertThat(verifications).hasValue(1);
  }

  @Test
  void aChangedTokenIsVerifiedAgainAndRefused() {
    String token = sign("alice", Duration.ofMinutes(10));
    decoder.decode(token).block();
    String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
    assertThatThrownBy(() -> decoder.decode(tampered).block()).isInstanceOf(JwtException.class);
    assertThat(verifications).hasValue(2);
  }

  @Test
  void anExpiredTokenIsNotServedFromTheCache() {
    String token = sign("alice", Duration.ofMinutes(2));
    decoder.decode(token).block();
    clock.advance(Duration.ofMinutes(5)); // past exp and the verifier's 60 s skew
    assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtException.class);
    assertThat(verifications).hasValue(2);
  }

  @Test
  void aForgedTokenNeverMatchesACachedOne() {
    String token = sign("alice", Duration.ofMinutes(10));
    decoder.decode(token).block();
    // the same header and claims, signed by another key: another signature, so another key of the cache
    String forged = Tokens.sign(SigningKey.generate(), "test", "alice", List.of("COUNTY"), null, null, Duration.ofMinutes(10), clock);
    String[] t = token.split("\\."), f = forged.split("\\.");
    String sameClaims = t[0] + "." + t[1] + "." + f[2];
    assertThatThrownBy(() -> decoder.decode(sameClaims).block()).isInstanceOf(JwtException.class);
    assertThatThrownBy(() -> decoder.decode(forged).block()).isInstanceOf(JwtException.class);
    assertThat(verifications).hasValue(3);
  }

  @Test
  void aTokenTheVerifierNowRefusesIsRefusedOnceTrustedForMaxAge() {
    java.util.concurrent.atomic.AtomicBoolean revoked = new java.util.concurrent.atomic.AtomicBoolean();
    ReactiveJwtDecoder v = verifying();
    CachingJwtDecoder d = new CachingJwtDecoder(token -> revoked.get()
        ? Mono.error(new org.springframework.security.oauth2.jwt.BadJwtException("key withdrawn")) : v.decode(token),
        100, Duration.ofMinutes(5), clock);
    String token = sign("bob", Duration.ofHours(1));
    d.decode(token).block();
    revoked.set(true); // e.g. its key withdrawn from the provider's JWK set
    clock.advance(Duration.ofMinutes(4));
    assertThat(d.decode(token).block().getSubject()).as("within max-age: still the cached verification").isEqualTo("bob");
    clock.advance(Duration.ofMinutes(2));
    assertThatThrownBy(() -> d.decode(token).block()).isInstanceOf(JwtException.class);
  }

  @Test
  void refusedTokensAreNotRemembered() {
    assertThatThrownBy(() -> decoder.decode("not.a.token").block()).isInstanceOf(JwtException.class);
    assertThatThrownBy(() -> decoder.decode("not.a.token").block()).isInstanceOf(JwtException.class);
    assertThat(verifications).hasValue(2);
    assertThat(decoder.size()).isZero();
  }

  @Test
  void theCacheIsBounded() {
    CachingJwtDecoder small = new CachingJwtDecoder(verifying(), 10, clock);
    for (int i = 0; i < 50; i++) small.decode(sign("user" + i, Duration.ofMinutes(10))).block();
    assertThat(small.size()).isLessThanOrEqualTo(10);
  }

  private String sign(String subject, Duration ttl) {
    return Tokens.sign(KEY, "test", subject, List.of("COUNTY"), null, null, ttl, clock);
  }

  private ReactiveJwtDecoder verifying() {
    NimbusReactiveJwtDecoder d;
    try {
      d = NimbusReactiveJwtDecoder.withPublicKey(KEY.jwk().toRSAPublicKey()).build();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
    JwtTimestampValidator timestamps = new JwtTimestampValidator();
    timestamps.setClock(clock);
    d.setJwtValidator(timestamps);
    return d;
  }

  private ReactiveJwtDecoder counting(ReactiveJwtDecoder d) {
    return token -> Mono.defer(() -> {
      verifications.incrementAndGet();
      return d.decode(token);
    });
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
