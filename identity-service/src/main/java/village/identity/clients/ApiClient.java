package village.identity.clients;

import java.time.Instant;
import org.bson.Document;
import village.support.security.Role;

/**
 * A machine client (client credentials): it acts as {@code role} ({@code township} for TOWNSHIP, {@code organizationId}
 * for ORGANIZATION); the secret is kept only as a hash.
 */
public record ApiClient(String clientId, String name, Role role, String township, String organizationId, boolean enabled,
    String secretHash, long version, Instant createdAt, String createdBy) {

  static ApiClient of(Document d) {
    return new ApiClient(d.getString("_id"), d.getString("name"), Role.valueOf(d.getString("role")), d.getString("township"),
        d.getString("organizationId"), d.getBoolean("enabled", true), d.getString("secretHash"),
        ((Number) d.get("version")).longValue(), d.getDate("createdAt").toInstant(), d.getString("createdBy"));
  }

  Document toDocument() {
    return new Document("_id", clientId).append("name", name).append("role", role.name()).append("township", township)
        .append("organizationId", organizationId).append("enabled", enabled).append("secretHash", secretHash)
        .append("version", version).append("createdAt", java.util.Date.from(createdAt)).append("createdBy", createdBy);
  }
}
