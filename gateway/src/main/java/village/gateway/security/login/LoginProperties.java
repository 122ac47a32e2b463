package village.gateway.security.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway as the browser's back end ({@code village.gateway.login.*}): OpenID Connect sign-in against
 * {@code issuer} (IDENTITY_ISSUER_URI; the browser is sent there), with the back-channel calls (token, JWKS,
 * userinfo) to {@code backChannel} when the gateway reaches the provider at another address (IDENTITY_BACKCHANNEL_URI;
 * default: the issuer). The gateway signs in as client {@code clientId} with {@code clientSecret}
 * (IDENTITY_GATEWAY_CLIENT_SECRET): without a secret there is no browser sign-in, and the gateway takes bearer
 * tokens only. Sessions live in MongoDB ({@code mongodbUri}, database {@code database}) so any gateway instance
 * serves them; idle for {@code maxIdle} they end. Each instance keeps a session it read for {@code sessionCache}
 * (5 s; 0 s reads MongoDB on every request), at most {@code sessionCacheEntries} of them: a session ended on this
 * instance ends at once, one ended on another instance within that time ({@link MongoWebSessionStore}).
 */
@ConfigurationProperties("village.gateway.login")
public record LoginProperties(
    @DefaultValue("http://localhost:8085") String issuer,
    String backChannel,
    @DefaultValue("gateway") String clientId,
    String clientSecret,
    @DefaultValue("mongodb://127.0.0.1:27017") String mongodbUri,
    @DefaultValue("gateway") String database,
    @DefaultValue("VILLAGE_SESSION") String cookieName,
    @DefaultValue("8h") Duration maxIdle,
    @DefaultValue("false") boolean secureCookie,
    @DefaultValue("5s") Duration sessionCache,
    @DefaultValue("10000") long sessionCacheEntries) {

  public static final String REGISTRATION_ID = "identity";

  public boolean enabled() {
    return hasSecret(clientSecret);
  }

  /** Browser sign-in is on when the client secret is set (not blank); {@link OnBrowserSignIn} asks the same. */
  static boolean hasSecret(String clientSecret) {
    return clientSecret != null && !clientSecret.isBlank();
  }

  /** Where the gateway itself calls the provider. */
  public String backChannelBase() {
    String base = backChannel == null || backChannel.isBlank() ? issuer : backChannel;
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  public String issuerBase() {
    return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
  }
}
