package village.gateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import reactor.core.publisher.Mono;
import village.gateway.web.ProblemResponses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import village.gateway.security.login.LoginProperties;

/**
 * Authentication and the role-to-route rules at the front door (the services check again).
 * Bearer tokens: signed by the identity provider, verified through its JWK set ({@code JWT_JWK_SET_URI}) or
 * discovered issuer ({@code JWT_ISSUER_URI}); missing, expired, tampered or wrongly signed → 401. Browsers sign in
 * through the provider and carry the session cookie instead (village.gateway.login.*, when the client secret is set).
 * COUNTY only reads (the one write it has is the statistics rebuild); ORGANIZATION gets no statistics.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class GatewaySecurity {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GatewaySecurity.class);
  static final String[] PUBLIC = {"/actuator/health", "/actuator/health/**", "/actuator/info", "/v3/api-docs/**",
      "/swagger-ui.html", "/swagger-ui/**", "/webjars/**", "/openapi/**", "/fallback/**",
      "/assets/**", "/favicon.ico", "/session"}; // the console's assets; /session answers 401 itself

  @Bean
  SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, LoginProperties login,
      ObjectProvider<ReactiveClientRegistrationRepository> registrations) {
    ServerAuthenticationEntryPoint apiEntryPoint = (exchange, ex) -> ProblemResponses.write(exchange,
        HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", "A bearer token or a signed-in session is required.",
        Map.of("WWW-Authenticate", "Bearer"));
    http
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
        .authorizeExchange(a -> {
          a.pathMatchers(PUBLIC).permitAll()
              // accounts, clients and keys: identity-service decides who may do what (COUNTY manages accounts too)
              .pathMatchers("/api/users/**", "/api/clients/**", "/api/identity/**").authenticated()
              .pathMatchers(HttpMethod.POST, "/api/stats/rebuild").hasRole("COUNTY")
              .pathMatchers("/api/stats", "/api/stats/**").hasAnyRole("COUNTY", "TOWNSHIP")
              .pathMatchers(HttpMethod.GET, "/api/**").hasAnyRole("COUNTY", "TOWNSHIP", "ORGANIZATION")
              .pathMatchers(HttpMethod.HEAD, "/api/**").hasAnyRole("COUNTY", "TOWNSHIP", "ORGANIZATION")
              .pathMatchers("/api/**").hasAnyRole("TOWNSHIP", "ORGANIZATION");
          // with browser sign-in the console and /session need a signed-in user; without it only the API is guarded
          if (login.enabled()) a.pathMatchers("/oauth2/**", "/login/**").permitAll().anyExchange().authenticated();
          else a.anyExchange().permitAll(); // the console's pages too: it shows its own sign-in page
        })
        .oauth2ResourceServer(o -> o
            .jwt(j -> j.jwtAuthenticationConverter(jwt -> Mono.just(new JwtAuthenticationToken(jwt, roles(jwt.getClaims()), jwt.getSubject()))))
            .authenticationEntryPoint((exchange, e) -> ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized",
                "Unauthorized", "A valid bearer token is required: " + e.getMessage(), Map.of("WWW-Authenticate", "Bearer")))
            .accessDeniedHandler(GatewaySecurity::forbidden));
    if (login.enabled()) {
      var signIn = new RedirectServerAuthenticationEntryPoint("/oauth2/authorization/" + LoginProperties.REGISTRATION_ID);
      var entryPoint = new DelegatingServerAuthenticationEntryPoint(
          new DelegatingServerAuthenticationEntryPoint.DelegateEntry(
              ServerWebExchangeMatchers.pathMatchers("/api/**", "/session", "/actuator/**"), apiEntryPoint));
      entryPoint.setDefaultEntryPoint(signIn);
      var logout = new OidcClientInitiatedServerLogoutSuccessHandler(registrations.getObject());
      logout.setPostLogoutRedirectUri("{baseUrl}/");
      http.oauth2Login(o -> o.authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/"))
              .authenticationFailureHandler((filterExchange, e) -> {
                log.warn("sign-in through the identity provider failed: {}", e.getMessage());
                return ProblemResponses.write(filterExchange.getExchange(), HttpStatus.UNAUTHORIZED, "sign-in-failed",
                    "Unauthorized", "Signing in did not complete (" + e.getMessage() + "). Open the console again to retry.",
                    Map.of());
              }))
          .csrf(c -> c.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
              .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
              .requireCsrfProtectionMatcher(cookieWrites(login.cookieName()))
              .accessDeniedHandler((exchange, e) -> ProblemResponses.write(exchange, HttpStatus.FORBIDDEN, "csrf",
                  "Forbidden", "A write with the session cookie needs the X-XSRF-TOKEN header (the XSRF-TOKEN cookie's value).",
                  Map.of())))
          .logout(l -> l.logoutUrl("/logout").logoutSuccessHandler(logout))
          .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(GatewaySecurity::forbidden));
    } else {
      http.csrf(ServerHttpSecurity.CsrfSpec::disable)
          .logout(ServerHttpSecurity.LogoutSpec::disable)
          .exceptionHandling(e -> e.authenticationEntryPoint(apiEntryPoint).accessDeniedHandler(GatewaySecurity::forbidden));
    }
    return http.build();
  }

  /**
   * CSRF protection where a browser's cookie authenticates a write: an unsafe method, the session cookie, no bearer
   * token. Bearer callers (API clients) are not exposed to CSRF and keep working without a token.
   */
  static ServerWebExchangeMatcher cookieWrites(String cookieName) {
    return exchange -> {
      var request = exchange.getRequest();
      boolean safe = switch (request.getMethod().name()) {
        case "GET", "HEAD", "OPTIONS", "TRACE" -> true;
        default -> false;
      };
      boolean protect = !safe && !request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
          && request.getCookies().containsKey(cookieName);
      return protect ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
    };
  }

  private static Mono<Void> forbidden(org.springframework.web.server.ServerWebExchange exchange,
      org.springframework.security.access.AccessDeniedException e) {
    return ProblemResponses.write(exchange, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
        "This role may not " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value()
            + " (COUNTY reads only; ORGANIZATION has no statistics).", Map.of());
  }

  static Collection<GrantedAuthority> roles(Map<String, Object> claims) {
    return RoleClaims.authorities(claims);
  }

  @Bean
  ReactiveJwtDecoder jwtDecoder(@Value("${village.security.jwt.issuer-uri:}") String issuerUri,
      @Value("${village.security.jwt.jwk-set-uri:}") String jwkSetUri,
      @Value("${village.gateway.token-cache.max-entries:10000}") long cacheEntries,
      @Value("${village.gateway.token-cache.max-age:5m}") java.time.Duration cacheMaxAge) {
    ReactiveJwtDecoder verifying = verifyingDecoder(issuerUri, jwkSetUri);
    return cacheEntries > 0 && cacheMaxAge.isPositive()
        ? new CachingJwtDecoder(verifying, cacheEntries, cacheMaxAge, Clock.systemUTC()) : verifying;
  }

  private static ReactiveJwtDecoder verifyingDecoder(String issuerUri, String jwkSetUri) {
    if (!jwkSetUri.isBlank()) return NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build();
    if (!issuerUri.isBlank()) return ReactiveJwtDecoders.fromIssuerLocation(issuerUri);
    throw new IllegalStateException("No JWT verification configured: set JWT_JWK_SET_URI (the identity provider's "
        + "JWK set; ./village up sets it to identity-service's) or JWT_ISSUER_URI");
  }
}
