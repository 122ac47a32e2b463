package village.partnership.organizations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import village.support.aggregate.AggregateCollection;
import village.support.validation.OneOf;
import java.net.URI;
import java.time.Clock;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import village.partnership.support.Ids;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.ETags;
import village.support.web.IdempotencyKeys;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import village.support.web.Problems;
import village.events.vocabulary.OrganizationType;

/** {@code /api/organizations}: register (TOWNSHIP), read (any), resources (TOWNSHIP or the organization itself). */
@Tag(name = "Organizations", description = "Organizations that pair with villages, and the resources they offer (资源清单)")
@RestController
@RequestMapping("/api/organizations")
class OrganizationController {
  private final Organizations organizations;
  private final AggregateCollection<Organization> store;
  private final Clock clock;

  OrganizationController(Organizations organizations, Clock clock) {
    this.organizations = organizations;
    this.store = organizations.store();
    this.clock = clock;
  }

  @Operation(operationId = "registerOrganization", summary = "Register an organization")
  @ApiResponse(responseCode = "201", description = "Created (an Idempotency-Key replay answers 200 with the stored resource)")
  @PostMapping
  ResponseEntity<Organization> register(@Valid @RequestBody Requests.RegisterOrganization body, Caller caller,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
    caller.requireAnyRole(Role.TOWNSHIP);
    String id = Ids.newId(caller, "POST /api/organizations", key);
    String fingerprint = IdempotencyKeys.fingerprint(body);
    var registered = Organization.register(id, body, clock.instant(), caller.subject(), fingerprint);
    Organization o = registered.after();
    if (!store.insert(registered, caller.subject())) {
      Organization existing = store.find(id).orElseThrow(() -> Problems.conflict("organization-exists", "Organization exists",
          "An organization with credit code " + body.creditCode() + " is registered already."));
      IdempotencyKeys.requireSameRequest(existing.fingerprint(), fingerprint);
      o = existing;
    }
    return ResponseEntity.created(URI.create("/api/organizations/" + id)).eTag(ETags.of(o.version())).body(o);
  }

  @Operation(operationId = "listOrganizations", summary = "List organizations")
  @GetMapping
  PageResponse<Organization> list(Caller caller, @RequestParam(required = false) @OneOf(OrganizationType.class) String type,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.values());
    return organizations.list(type, PageQuery.of(page, size));
  }

  @Operation(operationId = "getOrganization", summary = "Get an organization")
  @GetMapping("/{id}")
  ResponseEntity<Organization> get(@PathVariable String id, Caller caller) {
    caller.requireAnyRole(Role.values());
    Organization o = store.get(id);
    return ResponseEntity.ok().eTag(ETags.of(o.version())).body(o);
  }

  @Operation(operationId = "listResources", summary = "List an organization's resources")
  @GetMapping("/{id}/resources")
  PageResponse<Organization.Resource> resources(@PathVariable String id, Caller caller,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.values());
    PageQuery q = PageQuery.of(page, size);
    return organizations.resources(id, q);
  }

  @Operation(operationId = "offerResource", summary = "Offer a resource")
  @ApiResponse(responseCode = "201", description = "Created (an Idempotency-Key replay answers 200 with the stored resource)")
  @PostMapping("/{id}/resources")
  ResponseEntity<Organization.Resource> offer(@PathVariable String id, @Valid @RequestBody Requests.OfferResource body, Caller caller,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
    String resourceId = Ids.newId(caller, "POST /api/organizations/" + id + "/resources", key);
    Organization after = store.change(id, null, caller.subject(),
        o -> { if (!caller.isTownship()) caller.requireTownshipOfOrOrganization(null, id); },
        o -> o.resource(resourceId).isPresent() ? null : o.offer(resourceId, body, clock.instant(), caller.subject()));
    Organization.Resource r = after.resource(resourceId).orElseThrow();
    return ResponseEntity.created(URI.create("/api/organizations/" + id + "/resources/" + r.id())).body(r);
  }
}
