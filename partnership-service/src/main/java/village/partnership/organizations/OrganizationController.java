package village.partnership.organizations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import village.events.Topics;
import village.events.partnership.OrganizationRegistered;
import village.events.partnership.ResourceOffered;
import village.partnership.support.Category;
import village.partnership.support.Fields;
import village.partnership.support.Ids;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.outbox.OutboxEvents;
import village.support.web.ETags;
import village.support.web.IdempotencyKeys;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import village.support.web.Problems;

/** {@code /api/organizations}: register (TOWNSHIP), read (any), resources (TOWNSHIP or the organization itself). */
@Tag(name = "Organizations", description = "Organizations that pair with villages, and the resources they offer (资源清单)")
@RestController
@RequestMapping("/api/organizations")
class OrganizationController {
  private final Organizations organizations;
  private final OutboxEvents events;
  private final Clock clock;

  OrganizationController(Organizations organizations, OutboxEvents events, Clock clock) {
    this.organizations = organizations;
    this.events = events;
    this.clock = clock;
  }

  @Operation(operationId = "registerOrganization", summary = "Register an organization")
  @ApiResponse(responseCode = "201", description = "Created (an Idempotency-Key replay answers 200 with the stored resource)")
  @PostMapping
  ResponseEntity<Organization> register(@Valid @RequestBody Requests.RegisterOrganization body, Caller caller,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
    caller.requireAnyRole(Role.TOWNSHIP);
    Fields f = Fields.of(body);
    if (body != null) {
      f.text("name", body.name(), true, Fields.MAX_NAME)
          .oneOf("type", body.type(), OrganizationType.class, true)
          .rule(body.creditCode() != null && CreditCode.problem(body.creditCode()) == null, "creditCode",
              "must be a valid unified social credit code: " + CreditCode.problem(body.creditCode()));
      if (body.contact() != null) {
        f.text("contact.name", body.contact().name(), false, Fields.MAX_NAME)
            .text("contact.phone", body.contact().phone(), false, 40);
      }
    }
    f.check();
    String id = Ids.newId(caller, "POST /api/organizations", key);
    String fingerprint = IdempotencyKeys.fingerprint(body);
    Document doc = new Document("_id", id).append("name", body.name()).append("type", body.type())
        .append("creditCode", body.creditCode())
        .append("contact", body.contact() == null ? null
            : new Document("name", body.contact().name()).append("phone", body.contact().phone()))
        .append("version", 1L).append("resourceCount", 0).append("resources", List.of())
        .append("createdAt", Date.from(clock.instant())).append("createdBy", caller.subject())
        .append("fingerprint", fingerprint);
    var event = events.entry(Topics.PARTNERSHIPS, new OrganizationRegistered(id, body.name(), body.type(), body.creditCode()), 1, caller);
    switch (organizations.insert(doc, event)) {
      case SAME_CREDIT_CODE -> throw Problems.conflict("organization-exists", "Organization exists",
          "An organization with credit code " + body.creditCode() + " is registered already.");
      case SAME_ID -> {
        Document existing = organizations.find(id).orElseThrow();
        IdempotencyKeys.requireSameRequest(existing.getString("fingerprint"), fingerprint);
        doc = existing;
      }
      case OK -> { }
    }
    Organization o = Organization.of(doc);
    return ResponseEntity.created(URI.create("/api/organizations/" + id)).eTag(ETags.of(o.version())).body(o);
  }

  @Operation(operationId = "listOrganizations", summary = "List organizations")
  @GetMapping
  PageResponse<Organization> list(Caller caller, @RequestParam(required = false) String type,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.values());
    PageQuery q = PageQuery.of(page, size);
    Fields.of(caller).oneOf("type", type, OrganizationType.class, false).check();
    return organizations.list(Organizations.byType(type), q).map(Organization::of);
  }

  @Operation(operationId = "getOrganization", summary = "Get an organization")
  @GetMapping("/{id}")
  ResponseEntity<Organization> get(@PathVariable String id, Caller caller) {
    caller.requireAnyRole(Role.values());
    Organization o = Organization.of(load(id));
    return ResponseEntity.ok().eTag(ETags.of(o.version())).body(o);
  }

  @Operation(operationId = "listResources", summary = "List an organization's resources")
  @GetMapping("/{id}/resources")
  PageResponse<Organization.Resource> resources(@PathVariable String id, Caller caller,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.values());
    PageQuery q = PageQuery.of(page, size);
    return q.slice(Organization.Resource.of(load(id)));
  }

  @Operation(operationId = "offerResource", summary = "Offer a resource")
  @ApiResponse(responseCode = "201", description = "Created (an Idempotency-Key replay answers 200 with the stored resource)")
  @PostMapping("/{id}/resources")
  ResponseEntity<Organization.Resource> offer(@PathVariable String id, @Valid @RequestBody Requests.OfferResource body, Caller caller,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
    Document org = load(id);
    if (!caller.isTownship()) caller.requireTownshipOfOrOrganization(null, id);
    Fields f = Fields.of(body);
    if (body != null) {
      f.oneOf("category", body.category(), Category.class, true)
          .text("title", body.title(), true, Fields.MAX_NAME)
          .text("description", body.description(), false, Fields.MAX_TEXT);
    }
    f.check();
    String resourceId = Ids.newId(caller, "POST /api/organizations/" + id + "/resources", key);
    for (int attempt = 0; attempt < 5; attempt++) {
      for (Organization.Resource r : Organization.Resource.of(org)) {
        if (r.id().equals(resourceId)) return ResponseEntity.created(URI.create("/api/organizations/" + id + "/resources/" + r.id())).body(r);
      }
      long version = ((Number) org.get("version")).longValue();
      Document resource = new Document("id", resourceId).append("category", body.category()).append("title", body.title())
          .append("description", body.description()).append("offeredAt", Date.from(clock.instant()))
          .append("offeredBy", caller.subject());
      var event = events.entry(Topics.PARTNERSHIPS, new ResourceOffered(id, resourceId, body.category(), body.title()),
          version + 1, caller);
      if (organizations.addResource(id, version, resource, event)) {
        Organization.Resource r = new Organization.Resource(resourceId, id, body.category(), body.title(), body.description(),
            resource.getDate("offeredAt").toInstant());
        return ResponseEntity.created(URI.create("/api/organizations/" + id + "/resources/" + resourceId)).body(r);
      }
      org = load(id);
      if (((Number) org.get("resourceCount")).intValue() >= Organizations.MAX_RESOURCES) {
        throw Problems.conflict("too-many-resources", "Too many resources",
            "An organization may list at most " + Organizations.MAX_RESOURCES + " resources.");
      }
    }
    throw Problems.conflict("concurrent-change", "Concurrent change", "The organization changed concurrently; try again.");
  }

  private Document load(String id) {
    return organizations.find(id).orElseThrow(() -> Problems.notFound("Organization", id));
  }

  static String randomId() {
    return UUID.randomUUID().toString();
  }
}
