package village.identity.support;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import village.support.security.Caller;
import village.support.web.ProblemWriter;

/**
 * {@code /api/**} and the operations endpoints: a stateless JWT resource server verifying tokens signed with identity's
 * own keys (the {@code JwtDecoder} of {@code KeyConfiguration}), answering 401/403 as problems — the same rules as
 * service-support's chain for the other services (health and the API document public, the rest of actuator COUNTY).
 */
@Configuration(proxyBeanMethods = false)
public class ApiSecurity {
  static final String[] PUBLIC = {"/actuator/health", "/actuator/health/**", "/actuator/info", "/v3/api-docs", "/v3/api-docs/**",
      "/swagger-ui.html", "/swagger-ui/**"};

  @Bean
  @Order(2)
  SecurityFilterChain apiChain(HttpSecurity http, ProblemWriter problems) throws Exception {
    http.securityMatcher("/api/**", "/actuator", "/actuator/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
        .csrf(c -> c.disable())
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(a -> a.requestMatchers(PUBLIC).permitAll()
            .requestMatchers("/actuator", "/actuator/**").access((auth, ctx) -> decide(auth.get(), true))
            .anyRequest().access((auth, ctx) -> decide(auth.get(), false)))
        .oauth2ResourceServer(o -> o
            .jwt(j -> j.jwtAuthenticationConverter(jwt -> new JwtAuthenticationToken(jwt,
                Caller.of(jwt).roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList(), jwt.getSubject())))
            .authenticationEntryPoint((req, res, ex) -> {
              res.setHeader("WWW-Authenticate", "Bearer");
              problems.write(req, res, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                  "A valid bearer token is required: " + ex.getMessage());
            })
            .accessDeniedHandler((req, res, ex) -> problems.write(req, res, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "This caller may not do this.")))
        .exceptionHandling(e -> e
            .accessDeniedHandler((req, res, ex) -> problems.write(req, res, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                req.getRequestURI().startsWith("/actuator") ? "The operations endpoints need a COUNTY token." : "This caller may not do this."))
            .authenticationEntryPoint((req, res, ex) -> {
              res.setHeader("WWW-Authenticate", "Bearer");
              problems.write(req, res, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", "A bearer token is required.");
            }));
    return http.build();
  }

  /** A verified caller (a TOWNSHIP one with its township claim); for the operations endpoints a COUNTY one. */
  static AuthorizationDecision decide(Authentication a, boolean countyOnly) {
    if (a == null || !a.isAuthenticated() || !(a.getPrincipal() instanceof Jwt jwt)) return new AuthorizationDecision(false);
    Caller c = Caller.of(jwt);
    if (countyOnly) return new AuthorizationDecision(c.isCounty());
    return new AuthorizationDecision(!(c.isTownship() && c.township() == null));
  }
}
