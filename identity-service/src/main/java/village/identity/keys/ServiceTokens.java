package village.identity.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;
import village.identity.support.IdentityProperties;

/** Short-lived COUNTY tokens identity signs for itself, to read partnership-service when it checks an organization. */
@Component
public class ServiceTokens {
  static final Duration TTL = Duration.ofMinutes(1);
  private final JwtEncoder encoder;
  private final SigningKeys keys;
  private final Clock clock;
  private final IdentityProperties props;

  ServiceTokens(JwtEncoder encoder, SigningKeys keys, Clock clock, IdentityProperties props) {
    this.encoder = encoder;
    this.keys = keys;
    this.clock = clock;
    this.props = props;
  }

  public String county() {
    Instant now = clock.instant();
    JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject("identity-service").issuedAt(now).expiresAt(now.plus(TTL))
        .claim("roles", List.of("COUNTY")).claim("name", "identity-service");
    if (props.hasIssuer()) claims.issuer(props.issuer());
    JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keys.current().kid()).type("JWT").build();
    return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
  }
}
