package village.support.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;
import village.support.web.Problems;

/**
 * Who is calling, from the verified JWT: {@code sub}, {@code roles}, {@code org} (ORGANIZATION) and
 * {@code township} (TOWNSHIP). Declare a {@code Caller} parameter on a controller method to get it.
 * The checks throw a 403 problem.
 */
public record Caller(String subject, Set<Role> roles, String organizationId, String township) {

  public Caller {
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  public static Caller of(Jwt jwt) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    Object claim = jwt.getClaims().get("roles");
    List<?> names = claim instanceof List<?> l ? l : claim instanceof String s ? Arrays.asList(s.split("[ ,]+")) : List.of();
    for (Object n : names) {
      for (Role r : Role.values()) if (r.name().equals(String.valueOf(n))) roles.add(r);
    }
    return new Caller(jwt.getSubject(), roles, blankToNull(jwt.getClaimAsString("org")), blankToNull(jwt.getClaimAsString("township")));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  public boolean isCounty() {
    return has(Role.COUNTY);
  }

  public boolean isTownship() {
    return has(Role.TOWNSHIP);
  }

  public boolean isOrganization() {
    return has(Role.ORGANIZATION);
  }

  /** True if this caller is a TOWNSHIP whose claim names {@code township}. */
  public boolean isTownshipOf(String township) {
    return isTownship() && this.township != null && this.township.equals(township);
  }

  /** True if this caller is the ORGANIZATION {@code organizationId}. */
  public boolean isOrganization(String organizationId) {
    return isOrganization() && this.organizationId != null && this.organizationId.equals(organizationId);
  }

  /** 403 unless the caller has one of the roles. */
  public Caller requireAnyRole(Role... allowed) {
    for (Role r : allowed) if (has(r)) return this;
    throw Problems.forbidden("This needs one of the roles " + Arrays.toString(allowed) + ".");
  }

  /** 403 unless the caller is a TOWNSHIP whose claim is {@code township}. */
  public Caller requireTownshipOf(String township) {
    if (isTownshipOf(township)) return this;
    if (!isTownship()) throw Problems.forbidden("Only a TOWNSHIP may do this.");
    throw Problems.forbidden("A TOWNSHIP token for '" + this.township + "' may not write data of township '" + township + "'.");
  }

  /** 403 unless the caller is the TOWNSHIP of {@code township} or the ORGANIZATION {@code organizationId}. */
  public Caller requireTownshipOfOrOrganization(String township, String organizationId) {
    if (isTownshipOf(township) || isOrganization(organizationId)) return this;
    if (isTownship()) throw Problems.forbidden("A TOWNSHIP token for '" + this.township + "' may not write data of township '" + township + "'.");
    if (isOrganization()) throw Problems.forbidden("An ORGANIZATION acts only for its own organization.");
    throw Problems.forbidden("This needs a TOWNSHIP or the organization concerned.");
  }

  @Override
  public String toString() {
    return subject + roles + (organizationId == null ? "" : " org=" + organizationId)
        + (township == null ? "" : " township=" + township);
  }

  public boolean sameAs(Caller other) {
    return other != null && Objects.equals(subject, other.subject);
  }
}
