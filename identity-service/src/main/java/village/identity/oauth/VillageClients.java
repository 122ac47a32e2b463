package village.identity.oauth;

import java.util.UUID;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.crypto.password.PasswordEncoder;
import village.identity.clients.ApiClient;
import village.identity.clients.ApiClients;
import village.identity.support.IdentityProperties;

/**
 * The registered clients: the gateway from configuration (confidential, authorization code with PKCE, refresh tokens,
 * scopes openid and profile, no consent screen) and the machine clients kept in MongoDB (client credentials; a
 * disabled one is unknown here, so it gets no token).
 */
class VillageClients implements RegisteredClientRepository {
  private final RegisteredClient gateway;
  private final ApiClients clients;
  private final IdentityProperties props;

  VillageClients(IdentityProperties props, ApiClients clients, PasswordEncoder encoder) {
    var g = props.gateway(); // its secret is required (IdentityProperties.Gateway)
    this.props = props;
    this.clients = clients;
    this.gateway = RegisteredClient.withId(g.clientId()).clientId(g.clientId()).clientName("gateway")
        .clientSecret(encoder.encode(g.clientSecret()))
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
        .redirectUris(uris -> uris.addAll(g.redirectUris()))
        .postLogoutRedirectUris(uris -> uris.addAll(g.postLogoutRedirectUris()))
        .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
        .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
        .tokenSettings(tokens())
        .build();
  }

  private TokenSettings tokens() {
    return TokenSettings.builder().accessTokenTimeToLive(props.accessTokenTtl()).refreshTokenTimeToLive(props.refreshTokenTtl())
        .reuseRefreshTokens(false).idTokenSignatureAlgorithm(SignatureAlgorithm.RS256).build();
  }

  @Override
  public void save(RegisteredClient registeredClient) {
    throw new UnsupportedOperationException("clients are registered through /api/clients");
  }

  @Override
  public RegisteredClient findById(String id) {
    return findByClientId(id);
  }

  @Override
  public RegisteredClient findByClientId(String clientId) {
    if (gateway.getClientId().equals(clientId)) return gateway;
    return clients.find(clientId).filter(ApiClient::enabled).map(this::machine).orElse(null);
  }

  private RegisteredClient machine(ApiClient c) {
    return RegisteredClient.withId(c.clientId()).clientId(c.clientId()).clientName(c.name()).clientSecret(c.secretHash())
        .clientIdIssuedAt(c.createdAt())
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
        .tokenSettings(tokens())
        .build();
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }
}
