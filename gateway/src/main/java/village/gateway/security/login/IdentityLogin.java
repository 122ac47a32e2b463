package village.gateway.security.login;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;
import village.gateway.security.RoleClaims;

/**
 * Browser sign-in through the identity provider (authorization code with PKCE), present only when the gateway has
 * its client secret ({@link LoginProperties#enabled()}). The provider's endpoints are given, not discovered, so the
 * gateway starts while the provider is still starting. The user's tokens are kept in the session (MongoDB), and
 * the roles of the ID token become the gateway's authorities, so the same route rules apply to a session as to a
 * bearer token.
 */
@Configuration(proxyBeanMethods = false)
@OnBrowserSignIn
public class IdentityLogin {

  @Bean
  ReactiveClientRegistrationRepository clientRegistrations(LoginProperties login) {
    String issuer = login.issuerBase();
    String back = login.backChannelBase();
    ClientRegistration identity = ClientRegistration.withRegistrationId(LoginProperties.REGISTRATION_ID)
        .clientId(login.clientId())
        .clientSecret(login.clientSecret())
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
        .scope("openid", "profile")
        .authorizationUri(issuer + "/oauth2/authorize")
        .tokenUri(back + "/oauth2/token")
        .jwkSetUri(back + "/oauth2/jwks")
        .userInfoUri(back + "/userinfo")
        .userNameAttributeName("sub")
        .issuerUri(issuer)
        .providerConfigurationMetadata(Map.of("end_session_endpoint", issuer + "/connect/logout"))
        .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
        .clientName("Village identity")
        .build();
    return new InMemoryReactiveClientRegistrationRepository(identity);
  }

  /** The user's access and refresh tokens live in the session, so every gateway instance has them. */
  @Bean
  ServerOAuth2AuthorizedClientRepository authorizedClients() {
    return new WebSessionServerOAuth2AuthorizedClientRepository();
  }

  @Bean
  ReactiveOAuth2AuthorizedClientManager authorizedClientManager(ReactiveClientRegistrationRepository registrations,
      ServerOAuth2AuthorizedClientRepository clients) {
    var manager = new DefaultReactiveOAuth2AuthorizedClientManager(registrations, clients);
    manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
        .authorizationCode().refreshToken().build());
    return manager;
  }

  /** {@code roles} of the ID token (or userinfo) → {@code ROLE_*}, as for bearer tokens. */
  @Bean
  GrantedAuthoritiesMapper sessionRoles() {
    return authorities -> {
      Set<GrantedAuthority> out = new HashSet<>();
      for (GrantedAuthority a : authorities) {
        Map<String, Object> claims = a instanceof OidcUserAuthority oidc ? oidc.getIdToken().getClaims()
            : a instanceof OAuth2UserAuthority user ? user.getAttributes() : null;
        if (claims != null) out.addAll(RoleClaims.authorities(claims));
      }
      return out;
    };
  }

  @Bean(destroyMethod = "close")
  MongoClient sessionMongoClient(LoginProperties login) {
    return MongoClients.create(login.mongodbUri());
  }

  /** HttpOnly, SameSite=Lax (the provider's redirect back is a top-level GET) session cookie; sessions in MongoDB. */
  @Bean(name = "webSessionManager")
  WebSessionManager webSessionManager(LoginProperties login, MongoClient mongo) {
    CookieWebSessionIdResolver cookies = new CookieWebSessionIdResolver();
    cookies.setCookieName(login.cookieName());
    cookies.addCookieInitializer(c -> c.httpOnly(true).sameSite("Lax").path("/").secure(login.secureCookie()));
    DefaultWebSessionManager manager = new DefaultWebSessionManager();
    manager.setSessionIdResolver(cookies);
    manager.setSessionStore(new MongoWebSessionStore(
        mongo.getDatabase(login.database()).getCollection("sessions"), login.maxIdle(), Clock.systemUTC(),
        login.sessionCache(), login.sessionCacheEntries()));
    return manager;
  }
}
