package village.identity.oauth;

import com.mongodb.client.MongoDatabase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import village.identity.accounts.Accounts;
import village.identity.clients.ApiClients;
import village.identity.keys.SigningKeys;
import village.identity.signin.PasswordChangeGate;
import village.identity.support.IdentityProperties;

/**
 * The OpenID Connect provider (Spring Authorization Server): discovery, JWKS, authorization code with PKCE, refresh
 * tokens, client credentials, userinfo, RP-initiated logout ({@code /connect/logout}). A browser that is not signed in
 * is sent to {@code /login}; one that must change its password to {@code /change-password} first.
 */
@Configuration(proxyBeanMethods = false)
public class AuthorizationServerConfiguration {
  /** The claims the userinfo endpoint answers with (the gateway maps roles from them). */
  static final java.util.List<String> USERINFO_CLAIMS = java.util.List.of("sub", "name", "preferred_username", "roles", "org", "township");

  @Bean
  @Order(1)
  SecurityFilterChain authorizationServerChain(HttpSecurity http, RegisteredClientRepository clients,
      OAuth2AuthorizationService authorizations, OAuth2AuthorizationConsentService consents,
      AuthorizationServerSettings settings) throws Exception {
    OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
    http.securityMatcher(server.getEndpointsMatcher())
        .with(server, s -> s.registeredClientRepository(clients).authorizationService(authorizations)
            .authorizationConsentService(consents).authorizationServerSettings(settings)
            .oidc(oidc -> oidc.userInfoEndpoint(u -> u.userInfoMapper(ctx -> userInfo(ctx.getAuthorization()
                .getToken(OidcIdToken.class).getToken())))))
        .authorizeHttpRequests(a -> a.anyRequest().authenticated())
        .addFilterAfter(new PasswordChangeGate(settings.getAuthorizationEndpoint()), SecurityContextHolderFilter.class)
        .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
        .oauth2ResourceServer(r -> r.jwt(Customizer.withDefaults()));
    return http.build();
  }

  static OidcUserInfo userInfo(OidcIdToken idToken) {
    Map<String, Object> claims = new LinkedHashMap<>();
    for (String name : USERINFO_CLAIMS) {
      Object v = idToken.getClaims().get(name);
      if (v != null) claims.put(name, v);
    }
    return new OidcUserInfo(claims);
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings(IdentityProperties props) {
    var b = AuthorizationServerSettings.builder();
    if (props.hasIssuer()) b.issuer(props.issuer());
    return b.build();
  }

  @Bean
  RegisteredClientRepository registeredClientRepository(IdentityProperties props, ApiClients clients, PasswordEncoder encoder) {
    return new VillageClients(props, clients, encoder);
  }

  @Bean
  OAuth2AuthorizationService authorizationService(MongoDatabase db) {
    return new MongoAuthorizations(db);
  }

  @Bean
  OAuth2AuthorizationConsentService authorizationConsentService(MongoDatabase db) {
    return new MongoConsents(db);
  }

  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(Accounts accounts, ApiClients clients, SigningKeys keys) {
    return new TokenClaims(accounts, clients, keys);
  }
}
