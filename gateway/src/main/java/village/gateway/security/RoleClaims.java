package village.gateway.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The {@code roles} claim (a list, or a space/comma separated string) → {@code ROLE_COUNTY|TOWNSHIP|ORGANIZATION}. */
public final class RoleClaims {
  private static final Set<String> ROLES = Set.of("COUNTY", "TOWNSHIP", "ORGANIZATION");

  private RoleClaims() {}

  public static Collection<GrantedAuthority> authorities(Map<String, Object> claims) {
    Object claim = claims.get("roles");
    List<GrantedAuthority> out = new ArrayList<>();
    List<?> names = claim instanceof List<?> l ? l : claim instanceof String s ? List.of(s.split("[ ,]+")) : List.of();
    for (Object n : names) {
      String role = String.valueOf(n);
      if (ROLES.contains(role)) out.add(new SimpleGrantedAuthority("ROLE_" + role));
    }
    return out;
  }
}
