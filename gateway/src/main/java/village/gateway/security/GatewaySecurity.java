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

/**
 * Authentication and the role-to-route rules at the front door (the services check again).
 * Tokens: HS256 with {@code JWT_SECRET} (what {@code ./village token} signs with) by default, or an OIDC issuer
 * ({@code JWT_ISSUER_URI}) / JWK set ({@code JWT_JWK_SET_URI}). Missing, expired, tampered or wrongly signed → 401.
 * COUNTY only reads (the one write it has is the statistics rebuild); ORGANIZATION gets no statistics.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class GatewaySecurity {
  static final String[] PUBLIC = {"/actuator/health", "/actuator/health/**", "/actuator/info", "/v3/api-docs/**",
      "/swagger-ui.html", "/swagger-ui/**", "/webjars/**", "/openapi/**", "/fallback/**",
      "/", "/index.html", "/assets/**", "/session"}; // the console's page and assets (village.gateway.console)

  @Bean
  SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
    return http
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
        .authorizeExchange(a -> a
            .pathMatchers(PUBLIC).permitAll()
            .pathMatchers(HttpMethod.POST, "/api/stats/rebuild").hasRole("COUNTY")
            .pathMatchers("/api/stats", "/api/stats/**").hasAnyRole("COUNTY", "TOWNSHIP")
            .pathMatchers(HttpMethod.GET, "/api/**").hasAnyRole("COUNTY", "TOWNSHIP", "ORGANIZATION")
            .pathMatchers(HttpMethod.HEAD, "/api/**").hasAnyRole("COUNTY", "TOWNSHIP", "ORGANIZATION")
            .pathMatchers("/api/**").hasAnyRole("TOWNSHIP", "ORGANIZATION")
            .anyExchange().permitAll())
        .oauth2ResourceServer(o -> o
            .jwt(j -> j.jwtAuthenticationConverter(jwt -> Mono.just(new JwtAuthenticationToken(jwt, roles(jwt.getClaims()), jwt.getSubject()))))
            .authenticationEntryPoint((exchange, e) -> ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized",
                "Unauthorized", "A valid bearer token is required: " + e.getMessage(), Map.of("WWW-Authenticate", "Bearer")))
            .accessDeniedHandler((exchange, e) -> ProblemResponses.write(exchange, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "This role may not " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value()
                    + " (COUNTY reads only; ORGANIZATION has no statistics).", Map.of())))
        .exceptionHandling(e -> e
            .authenticationEntryPoint((exchange, ex) -> ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized",
                "Unauthorized", "A bearer token is required.", Map.of("WWW-Authenticate", "Bearer")))
            .accessDeniedHandler((exchange, ex) -> ProblemResponses.write(exchange, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "This role may not " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value() + ".", Map.of())))
        .build();
  }

  static Collection<GrantedAuthority> roles(Map<String, Object> claims) {
    Object claim = claims.get("roles");
    List<GrantedAuthority> out = new ArrayList<>();
    List<?> names = claim instanceof List<?> l ? l : claim instanceof String s ? List.of(s.split("[ ,]+")) : List.of();
    for (Object n : names) {
      String role = String.valueOf(n);
      if (role.equals("COUNTY") || role.equals("TOWNSHIP") || role.equals("ORGANIZATION")) out.add(new SimpleGrantedAuthority("ROLE_" + role));
    }
    return out;
  }

  @Bean
  ReactiveJwtDecoder jwtDecoder(@Value("${village.security.jwt.secret:}") String secret,
      @Value("${village.security.jwt.issuer-uri:}") String issuerUri,
      @Value("${village.security.jwt.jwk-set-uri:}") String jwkSetUri,
      @Value("${village.gateway.token-cache.max-entries:10000}") long cacheEntries) {
    ReactiveJwtDecoder verifying = verifyingDecoder(secret, issuerUri, jwkSetUri);
    return cacheEntries > 0 ? new CachingJwtDecoder(verifying, cacheEntries, Clock.systemUTC()) : verifying;
  }

  private static ReactiveJwtDecoder verifyingDecoder(String secret, String issuerUri, String jwkSetUri) {
    if (!issuerUri.isBlank()) return ReactiveJwtDecoders.fromIssuerLocation(issuerUri);
    if (!jwkSetUri.isBlank()) return NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build();
    if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
      throw new IllegalStateException("No JWT verification configured: set JWT_SECRET (at least 32 characters; "
          + "./village up generates one) or JWT_ISSUER_URI / JWT_JWK_SET_URI");
    }
    return NimbusReactiveJwtDecoder.withSecretKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
        .macAlgorithm(MacAlgorithm.HS256).build();
  }
}
