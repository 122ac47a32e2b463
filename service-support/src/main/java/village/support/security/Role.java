package village.support.security;

/** The three roles a token's {@code roles} claim may carry (DESIGN.md §6). */
public enum Role {
  COUNTY, TOWNSHIP, ORGANIZATION
}
