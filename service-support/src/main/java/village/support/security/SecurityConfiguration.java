package village.support.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import village.support.config.VillageProperties;
import village.support.web.ProblemWriter;

/**
 * Every service is a JWT resource server: a request that reaches it directly meets the same checks as through the
 * gateway. One trust path: tokens signed by the identity provider (RS256), verified through its JWK set
 * ({@code JWT_JWK_SET_URI}) or its discovered issuer metadata ({@code JWT_ISSUER_URI}); there is no shared secret.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration implements WebMvcConfigurer {
  static final String[] PUBLIC = {"/actuator/health", "/actuator/health/**", "/actuator/info",
      "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error",
      "/internal/outbox"}; // checks its callers itself (OutboxBacklogController)

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemWriter problems) throws Exception {
    http.csrf(c -> c.disable())
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(a -> a.requestMatchers(PUBLIC).permitAll()
            .requestMatchers("/actuator", "/actuator/**").access(SecurityConfiguration::county)
            .anyRequest().access(SecurityConfiguration::verifiedCaller))
        .oauth2ResourceServer(o -> o
            .jwt(j -> j.jwtAuthenticationConverter(jwt -> new JwtAuthenticationToken(jwt,
                Caller.of(jwt).roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList(), jwt.getSubject())))
            .authenticationEntryPoint((req, res, ex) -> {
              res.setHeader("WWW-Authenticate", "Bearer");
              problems.write(req, res, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                  "A valid bearer token is required: " + ex.getMessage());
            })
            .accessDeniedHandler((req, res, ex) -> forbidden(problems, req, res)))
        .exceptionHandling(e -> e
            .accessDeniedHandler((req, res, ex) -> forbidden(problems, req, res))
            .authenticationEntryPoint((req, res, ex) -> {
              res.setHeader("WWW-Authenticate", "Bearer");
              problems.write(req, res, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", "A bearer token is required.");
            }));
    return http.build();
  }

  /**
   * Any verified caller, except a TOWNSHIP token without a {@code township} claim: it could not be held to its
   * township, so it is refused (403) everywhere.
   */
  static AuthorizationDecision verifiedCaller(Supplier<? extends Authentication> authentication, Object context) {
    Authentication a = authentication.get();
    if (a == null || !a.isAuthenticated() || !(a.getPrincipal() instanceof Jwt jwt)) return new AuthorizationDecision(false);
    return new AuthorizationDecision(!unscoped(Caller.of(jwt)));
  }

  /** The operations surface (metrics and every actuator endpoint but health and info): COUNTY only. */
  static AuthorizationDecision county(Supplier<? extends Authentication> authentication, Object context) {
    Authentication a = authentication.get();
    return new AuthorizationDecision(a != null && a.isAuthenticated() && a.getPrincipal() instanceof Jwt jwt
        && Caller.of(jwt).isCounty());
  }

  private static boolean unscoped(Caller c) {
    return c.isTownship() && c.township() == null;
  }

  private static void forbidden(ProblemWriter problems, HttpServletRequest req, HttpServletResponse res) throws IOException {
    Caller c = currentCaller();
    String detail;
    if (unscoped(c)) detail = "A TOWNSHIP token must carry a township claim.";
    else if (req.getRequestURI().startsWith("/actuator")) detail = "The operations endpoints need a COUNTY token.";
    else detail = "This caller may not do this.";
    problems.write(req, res, HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
  }

  @Bean
  JwtDecoder jwtDecoder(VillageProperties props) {
    var jwt = props.security().jwt();
    // the JWK set first: fetched on the first token, so a service starts while the provider is still starting
    if (notBlank(jwt.jwkSetUri())) return NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
    if (notBlank(jwt.issuerUri())) return JwtDecoders.fromIssuerLocation(jwt.issuerUri());
    throw new IllegalStateException("No JWT verification configured: set JWT_JWK_SET_URI (the identity provider's "
        + "JWK set; ./village up sets it to identity-service's) or JWT_ISSUER_URI");
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new HandlerMethodArgumentResolver() {
      @Override public boolean supportsParameter(MethodParameter p) {
        return p.getParameterType() == Caller.class;
      }

      @Override public Object resolveArgument(MethodParameter p, ModelAndViewContainer m, NativeWebRequest r, WebDataBinderFactory f) {
        return currentCaller();
      }
    });
  }

  /** The caller of the current request; anonymous callers never reach a controller. */
  public static Caller currentCaller() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.getPrincipal() instanceof Jwt jwt) return Caller.of(jwt);
    return new Caller("anonymous", Set.of(), null, null);
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
