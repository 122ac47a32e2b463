package village.partnership.organizations;

import village.support.validation.PlainText;
import java.time.Instant;
import java.util.List;
import org.bson.Document;

/** An organization as the API shows it. */
public record Organization(String id, String name, String type, String creditCode, Contact contact, long version,
    Instant createdAt) {
  public record Contact(@PlainText String name, @PlainText String phone) {}

  static Organization of(Document d) {
    Document c = d.get("contact", Document.class);
    return new Organization(d.getString("_id"), d.getString("name"), d.getString("type"), d.getString("creditCode"),
        c == null ? null : new Contact(c.getString("name"), c.getString("phone")), ((Number) d.get("version")).longValue(),
        d.getDate("createdAt").toInstant());
  }

  /** A resource (资源清单) an organization offers. */
  public record Resource(String id, String organizationId, String category, String title, String description, Instant offeredAt) {
    static List<Resource> of(Document org) {
      return org.getList("resources", Document.class, List.of()).stream()
          .map(r -> new Resource(r.getString("id"), org.getString("_id"), r.getString("category"), r.getString("title"),
              r.getString("description"), r.getDate("offeredAt").toInstant()))
          .toList();
    }
  }
}
