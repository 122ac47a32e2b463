package village.gateway.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is signed in, as the console needs it ({@code GET /session}): from a bearer caller's {@link Jwt} or from a
 * session caller's OAuth2/OIDC principal (its attributes carry the identity provider's claims {@code preferred_username},
 * {@code name}, {@code roles}, {@code township}, {@code org}).
 */
record SignedInUser(String username, String name, List<String> roles, String township, String org) {
  private static final List<String> KNOWN_ROLES = List.of("COUNTY", "TOWNSHIP", "ORGANIZATION");

  /** The user behind an authentication, if it is one the console understands (else empty: the caller is anonymous). */
  static Optional<SignedInUser> of(Authentication authentication) {
    if (authentication == null || !authentication.isAuthenticated()) return Optional.empty();
    Map<String, Object> claims;
    String subject;
    if (authentication.getPrincipal() instanceof Jwt jwt) {
      claims = jwt.getClaims();
      subject = jwt.getSubject();
    } else if (authentication.getPrincipal() instanceof OAuth2AuthenticatedPrincipal p) {
      claims = p.getAttributes();
      subject = p.getName();
    } else {
      return Optional.empty();
    }
    String username = text(claims.get("preferred_username"));
    if (username == null) username = text(claims.get("sub"));
    if (username == null) username = subject;
    if (username == null) return Optional.empty();
    String name = text(claims.get("name"));
    return Optional.of(new SignedInUser(username, name == null ? username : name, roles(claims.get("roles"), authentication),
        text(claims.get("township")), text(claims.get("org"))));
  }

  /** The roles claim (an array or a space/comma separated string); else the ROLE_ authorities. Known roles only. */
  static List<String> roles(Object claim, Authentication authentication) {
    List<String> out = new ArrayList<>();
    List<?> names = claim instanceof List<?> l ? l : claim instanceof String s ? List.of(s.split("[ ,]+")) : List.of();
    for (Object n : names) add(out, String.valueOf(n));
    if (out.isEmpty()) {
      for (GrantedAuthority a : authentication.getAuthorities()) {
        String authority = a.getAuthority();
        if (authority != null && authority.startsWith("ROLE_")) add(out, authority.substring("ROLE_".length()));
      }
    }
    return List.copyOf(out);
  }

  private static void add(List<String> out, String role) {
    if (KNOWN_ROLES.contains(role) && !out.contains(role)) out.add(role);
  }

  private static String text(Object value) {
    if (value == null) return null;
    String s = String.valueOf(value);
    return s.isBlank() ? null : s;
  }
}
