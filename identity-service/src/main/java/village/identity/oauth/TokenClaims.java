package village.identity.oauth;

import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import village.identity.accounts.Account;
import village.identity.accounts.Accounts;
import village.identity.clients.ApiClient;
import village.identity.clients.ApiClients;
import village.identity.keys.SigningKeys;

/**
 * The claims the services enforce (service-support's {@code Caller}): {@code sub} (user name, or the client id),
 * {@code roles} (one of COUNTY, TOWNSHIP, ORGANIZATION), {@code township} (TOWNSHIP), {@code org} (ORGANIZATION) and
 * {@code name}, in access tokens; the ID token also carries {@code preferred_username}. They are read from the account
 * each time a token is made, so a refresh sees a changed role, and a disabled or locked account gets no new token.
 * The header names the key that signs now.
 */
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {
  private final Accounts accounts;
  private final ApiClients clients;
  private final SigningKeys keys;

  TokenClaims(Accounts accounts, ApiClients clients, SigningKeys keys) {
    this.accounts = accounts;
    this.clients = clients;
    this.keys = keys;
  }

  @Override
  public void customize(JwtEncodingContext context) {
    context.getJwsHeader().keyId(keys.current().kid());
    boolean access = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
    boolean id = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
    if (!access && !id) return;
    var claims = context.getClaims();
    if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
      ApiClient c = clients.find(context.getRegisteredClient().getClientId())
          .filter(ApiClient::enabled).orElseThrow(() -> refused("the client is disabled"));
      claims.claims(m -> put(m, c.role().name(), c.township(), c.organizationId(), c.name()));
      return;
    }
    String username = context.getPrincipal().getName();
    Account a = accounts.find(username).orElseThrow(() -> refused("the account no longer exists"));
    if (!a.active()) throw refused("the account is disabled or locked");
    if (a.mustChangePassword()) throw refused("the account must change its password first");
    claims.claims(m -> put(m, a.role().name(), a.township(), a.organizationId(), a.displayName()));
    if (id) claims.claim("preferred_username", a.username());
  }

  private static void put(Map<String, Object> m, String role, String township, String org, String name) {
    m.put("roles", List.of(role));
    if (township != null) m.put("township", township);
    if (org != null) m.put("org", org);
    if (name != null) m.put("name", name);
  }

  private static OAuth2AuthenticationException refused(String why) {
    return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "No token: " + why + ".", null));
  }
}
