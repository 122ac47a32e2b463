package village.identity.accounts;

import java.time.Instant;
import java.util.List;
import org.bson.Document;
import village.support.security.Role;

/**
 * A person's account. {@code township}: the township a TOWNSHIP account writes for; {@code organizationId}: the
 * organization an ORGANIZATION account acts for; {@code townships}: for an ORGANIZATION account, the townships its
 * organization worked in when the account was made (which TOWNSHIP lists it). {@code failedAttempts}: consecutive
 * wrong passwords; {@code locked} after {@link AccountRules#MAX_FAILED_ATTEMPTS}.
 */
public record Account(String username, String displayName, Role role, String township, String organizationId,
    List<String> townships, boolean enabled, boolean locked, boolean mustChangePassword, int failedAttempts,
    String passwordHash, long version, Instant createdAt) {

  /** True if the account may sign in at all. */
  public boolean active() {
    return enabled && !locked;
  }

  static Account of(Document d) {
    return new Account(d.getString("_id"), d.getString("displayName"), Role.valueOf(d.getString("role")),
        d.getString("township"), d.getString("organizationId"), d.getList("townships", String.class, List.of()),
        d.getBoolean("enabled", true), d.getBoolean("locked", false), d.getBoolean("mustChangePassword", false),
        ((Number) d.get("failedAttempts", 0)).intValue(), d.getString("passwordHash"),
        ((Number) d.get("version")).longValue(), d.getDate("createdAt").toInstant());
  }

  Document toDocument() {
    return new Document("_id", username).append("displayName", displayName).append("role", role.name())
        .append("township", township).append("organizationId", organizationId).append("townships", townships)
        .append("enabled", enabled).append("locked", locked).append("mustChangePassword", mustChangePassword)
        .append("failedAttempts", failedAttempts).append("passwordHash", passwordHash).append("version", version)
        .append("createdAt", java.util.Date.from(createdAt));
  }
}
