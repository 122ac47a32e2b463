package village.identity.keys;

import com.mongodb.client.MongoDatabase;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import village.identity.support.IdentityProperties;

/** The keys, the encoder that signs with them and the decoder that verifies identity's own tokens (its API). */
@Configuration(proxyBeanMethods = false)
public class KeyConfiguration {

  @Bean
  SigningKeys signingKeys(MongoDatabase db, Clock clock, IdentityProperties props) {
    SigningKeys keys = new SigningKeys(db, clock, props);
    keys.ensureKey();
    return keys;
  }

  @Bean
  JwtEncoder jwtEncoder(SigningKeys keys) {
    return new NimbusJwtEncoder(keys);
  }

  /** RS256 with a key from the JWKS, the issuer checked when one is configured. */
  @Bean
  JwtDecoder jwtDecoder(SigningKeys keys, IdentityProperties props) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
    processor.setJWTClaimsSetVerifier((claims, context) -> {}); // Spring's validators below check the claims
    NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
    decoder.setJwtValidator(props.hasIssuer() ? JwtValidators.createDefaultWithIssuer(props.issuer())
        : new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault()));
    return decoder;
  }
}
