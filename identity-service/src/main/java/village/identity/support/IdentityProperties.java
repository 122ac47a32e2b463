package village.identity.support;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * identity-service's settings (environment variables in brackets):
 * {@code issuer} (IDENTITY_ISSUER; blank: taken from each request, for tests on a random port),
 * {@code key-file} (IDENTITY_KEY_FILE: the current signing key is written there as a private JWK, mode 600),
 * {@code admin-password-file} (IDENTITY_ADMIN_PASSWORD_FILE: the first-start administrator's password),
 * {@code partnership-service-url} (PARTNERSHIP_SERVICE_URLS or PARTNERSHIP_SERVICE_URL: one base URL or a comma list of the
 * instances), {@code access-token-ttl} (IDENTITY_ACCESS_TOKEN_TTL),
 * {@code refresh-token-ttl} (IDENTITY_REFRESH_TOKEN_TTL), {@code retired-key-lifetime} (IDENTITY_RETIRED_KEY_LIFETIME:
 * how long a key stays in the JWKS after a newer one took over; at least the longest token lifetime it signed, the
 * launcher's 12 h tokens included), {@code gateway.*} (the browser's back end as an OAuth client:
 * IDENTITY_GATEWAY_CLIENT_SECRET, IDENTITY_GATEWAY_REDIRECT_URIS, IDENTITY_GATEWAY_POST_LOGOUT_REDIRECT_URIS).
 */
@ConfigurationProperties("village.identity")
public record IdentityProperties(
    String issuer,
    String keyFile,
    String adminPasswordFile,
    @DefaultValue("http://127.0.0.1:8081") String partnershipServiceUrl,
    @DefaultValue("15m") Duration accessTokenTtl,
    @DefaultValue("8h") Duration refreshTokenTtl,
    @DefaultValue("13h") Duration retiredKeyLifetime,
    @DefaultValue Gateway gateway) {

  /**
   * The gateway's client registration: confidential, authorization code with PKCE, refresh tokens. Without its secret
   * the service does not start (checked while the settings are bound, before anything else).
   */
  public record Gateway(
      @DefaultValue("gateway") String clientId,
      String clientSecret,
      @DefaultValue("http://localhost:8080/login/oauth2/code/identity") List<String> redirectUris,
      @DefaultValue("http://localhost:8080/") List<String> postLogoutRedirectUris) {
    public Gateway {
      if (!isSet(clientSecret)) {
        throw new IllegalStateException("IDENTITY_GATEWAY_CLIENT_SECRET (village.identity.gateway.client-secret) is not set: "
            + "the gateway's client secret is required (./village up generates one)");
      }
    }
  }

  public boolean hasIssuer() {
    return issuer != null && !issuer.isBlank();
  }

  public static boolean isSet(String s) {
    return s != null && !s.isBlank();
  }
}
