package village.devstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Local JWTs signed with Nimbus: RS256 with a {@link SigningKey} (the identity provider's key, or the tests'
 * {@link LocalIssuer}), carrying the claims the services enforce — {@code sub}, {@code roles}, {@code org},
 * {@code township} — and {@code iss}, {@code iat}, {@code exp}.
 */
public final class Tokens {
  public static final String ISSUER = "village-local";
  public static final Duration DEFAULT_TTL = Duration.ofHours(12);
  public static final Set<String> ROLES = Set.of("COUNTY", "TOWNSHIP", "ORGANIZATION");

  private Tokens() {}

  /** An RS256 token with the key's {@code kid} in its header. {@code ttl}/{@code clock} null: 12 h / system UTC. */
  public static String sign(SigningKey key, String issuer, String subject, List<String> roles, String org,
      String township, Duration ttl, Clock clock) {
    Objects.requireNonNull(key, "key");
    try {
      return sign(new RSASSASigner(key.jwk()), new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid())
          .type(JOSEObjectType.JWT).build(), issuer, subject, roles, org, township, ttl, clock);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign with key " + key.kid(), e);
    }
  }

  /** An HS256 token: the HMAC key is the UTF-8 bytes of the secret (at least 32 bytes). */
  public static String sign(String secret, String subject, List<String> roles, String org, String township,
      Duration ttl, Clock clock) {
    Objects.requireNonNull(secret, "secret");
    if (secret.isEmpty()) throw new IllegalArgumentException("empty secret");
    try {
      return sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)),
          new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
          ISSUER, subject, roles, org, township, ttl, clock);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("cannot sign with this secret: " + e.getMessage(), e);
    }
  }

  private static String sign(JWSSigner signer, JWSHeader header, String issuer, String subject, List<String> roles,
      String org, String township, Duration ttl, Clock clock) throws JOSEException {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(roles, "roles");
    Clock c = clock == null ? Clock.systemUTC() : clock;
    long iat = c.instant().getEpochSecond();
    long exp = iat + (ttl == null ? DEFAULT_TTL : ttl).toSeconds();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .subject(subject)
        .claim("roles", List.copyOf(roles))
        .issuer(issuer == null ? ISSUER : issuer)
        .issueTime(new Date(iat * 1000))
        .expirationTime(new Date(exp * 1000));
    if (org != null) claims.claim("org", org);
    if (township != null) claims.claim("township", township);
    SignedJWT jwt = new SignedJWT(header, claims.build());
    jwt.sign(signer);
    return jwt.serialize();
  }

  /** 64 hex characters (256 bits) from {@link SecureRandom}. */
  public static String newSecret() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
