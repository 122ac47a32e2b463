package village.partnership.organizations;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.Size;
import village.support.validation.PlainText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import village.events.partnership.OrganizationRegistered;
import village.events.partnership.ResourceOffered;
import village.support.aggregate.Aggregate;
import village.support.aggregate.Change;
import village.support.web.Problems;

/**
 * An organization, the aggregate, as the API shows it; what only the store keeps ({@code resources}, who registered it,
 * the request's fingerprint) is not shown. Each rule method decides and returns its {@link Change}.
 */
public record Organization(String id, String name, String type, String creditCode, Contact contact, long version,
    Instant createdAt, @JsonIgnore List<Resource> resources, @JsonIgnore String createdBy, @JsonIgnore String fingerprint)
    implements Aggregate {
  /** At most this many resources per organization. */
  static final int MAX_RESOURCES = 1000;

  public Organization {
    resources = resources == null ? List.of() : List.copyOf(resources);
  }

  public record Contact(@PlainText @Size(max = 200, message = "{village.validation.text.max}") String name,
      @PlainText @Size(max = 40, message = "{village.validation.text.max}") String phone) {}

  /** A resource (资源清单) an organization offers. */
  public record Resource(String id, String organizationId, String category, String title, String description, Instant offeredAt,
      @JsonIgnore String offeredBy) {}

  /** A new organization at version 1, without resources. */
  static Change<Organization> register(String id, Requests.RegisterOrganization r, Instant now, String actor, String fingerprint) {
    Organization o = new Organization(id, r.name(), r.type(), r.creditCode(), r.contact(), 1, now, List.of(), actor, fingerprint);
    return Change.of(o, new OrganizationRegistered(id, r.name(), r.type(), r.creditCode()), "REGISTERED",
        Map.of("name", r.name(), "type", r.type()));
  }

  Optional<Resource> resource(String resourceId) {
    return resources.stream().filter(r -> r.id().equals(resourceId)).findFirst();
  }

  /** Offers a resource: 409 when the organization lists {@link #MAX_RESOURCES} already. */
  Change<Organization> offer(String resourceId, Requests.OfferResource r, Instant now, String actor) {
    if (resources.size() >= MAX_RESOURCES) {
      throw Problems.conflict("too-many-resources", "Too many resources",
          "An organization may list at most " + MAX_RESOURCES + " resources.");
    }
    List<Resource> after = new ArrayList<>(resources);
    after.add(new Resource(resourceId, id, r.category(), r.title(), r.description(), now, actor));
    Organization o = new Organization(id, name, type, creditCode, contact, version + 1, createdAt, after, createdBy, fingerprint);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("resourceId", resourceId);
    details.put("category", r.category());
    details.put("title", r.title());
    return Change.of(o, new ResourceOffered(id, resourceId, r.category(), r.title()), "RESOURCE_OFFERED", details);
  }
}
