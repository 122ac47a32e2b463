package village.partnership.needs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import village.support.aggregate.AggregateCollection;
import village.support.aggregate.Change;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import village.partnership.matching.Suggestions;
import village.partnership.organizations.Organizations;
import village.partnership.partnerships.Partnership;
import village.partnership.partnerships.Partnerships;
import village.partnership.support.Ids;
import village.partnership.villages.Village;
import village.partnership.villages.Villages;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.ETags;
import village.support.web.HistoryEntry;
import village.support.web.IdempotencyKeys;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import village.support.web.Problems;

/**
 * {@code /api/needs}: a TOWNSHIP posts its villages' needs and marks them resolved through a partnership; an organization
 * (or the township for it) claims an open need and may release it again.
 */
@Tag(name = "Needs", description = "What a village needs (需求清单), claimed by an organization (认领), resolved through a pairing")
@RestController
@RequestMapping("/api/needs")
class NeedController {
  private final AggregateCollection<Need> needs;
  private final Needs register;
  private final Villages villages;
  private final Partnerships partnerships;
  private final Organizations organizations;
  private final ClaimSlots slots;
  private final Suggestions suggestions;
  private final Clock clock;

  NeedController(Needs needs, Villages villages, Partnerships partnerships, Organizations organizations, ClaimSlots slots,
      Suggestions suggestions, Clock clock) {
    this.needs = needs.store();
    this.register = needs;
    this.organizations = organizations;
    this.slots = slots;
    this.suggestions = suggestions;
    this.villages = villages;
    this.partnerships = partnerships;
    this.clock = clock;
  }

  @Operation(operationId = "postNeed", summary = "Post a need")
  @ApiResponse(responseCode = "201", description = "Created (an Idempotency-Key replay answers 200 with the stored resource)")
  @PostMapping
  ResponseEntity<Need> post(@Valid @RequestBody Requests.PostNeed body, Caller caller,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
    caller.requireAnyRole(Role.TOWNSHIP);
    Village village = villages.find(body.villageCode()).orElseThrow(() ->
        Problems.unknownReference("villageCode", "Village '" + body.villageCode() + "' is not in the register."));
    caller.requireTownshipOf(village.township());
    String id = Ids.newId(caller, "POST /api/needs", key);
    String fingerprint = IdempotencyKeys.fingerprint(body);
    var posted = Need.post(id, body, village.township(), clock.instant(), fingerprint);
    Need n = posted.after();
    if (!needs.insert(posted, caller.subject())) {
      n = needs.get(id);
      IdempotencyKeys.requireSameRequest(n.fingerprint(), fingerprint);
    }
    return ResponseEntity.created(URI.create("/api/needs/" + id)).eTag(ETags.of(n.version())).body(n);
  }

  @Operation(operationId = "resolveNeed", summary = "Resolve a need through a partnership")
  @PostMapping("/{id}/resolve")
  ResponseEntity<Need> resolve(@PathVariable String id, @Valid @RequestBody Requests.ResolveNeed body, Caller caller,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    Need need = needs.get(id);
    caller.requireTownshipOf(need.township());
    ETags.checkIfMatch(ifMatch, need.version());
    need.requireNotResolved(); // 409 before the partnership is looked up
    Partnership p = partnerships.find(body.partnershipId()).orElseThrow(() ->
        Problems.unknownReference("partnershipId", "Partnership '" + body.partnershipId() + "' does not exist."));
    Need resolved = needs.change(id, ifMatch, caller.subject(), n -> n.resolve(p, body.resolvedOn(), body.note()));
    if (resolved.claim() != null) slots.free(resolved.claim().organizationId(), id); // it was CLAIMED
    return ok(resolved);
  }

  /** An ORGANIZATION takes an OPEN need on for itself, or the need's TOWNSHIP for a named organization (认领). */
  @Operation(operationId = "claimNeed", summary = "Claim an open need for an organization (认领)")
  @PostMapping("/{id}/claim")
  ResponseEntity<Need> claim(@PathVariable String id, @Valid @RequestBody Requests.ClaimNeed body, Caller caller,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
    Need need = needs.get(id);
    caller.requireTownshipOfOrOrganization(need.township(), body.organizationId());
    Need.RequestKey requestKey = requestKey(caller, "POST /api/needs/" + id + "/claim", key, body);
    if (need.hasApplied(requestKey)) return ok(need);
    ETags.checkIfMatch(ifMatch, need.version());
    organizations.find(body.organizationId()).orElseThrow(() ->
        Problems.unknownReference("organizationId", "Organization '" + body.organizationId() + "' is not registered."));
    Suggestions.ClaimScore score = suggestions.forClaim(id, need.township(), body.organizationId());
    Function<Need, Change<Need>> claim = n -> n.hasApplied(requestKey) ? null
        : n.claim(body.organizationId(), score.score(), score.weightsVersion(), clock.instant(), caller.subject())
            .with("shownScore", body.suggestionScore()).with("note", body.note()).map(after -> after.remembering(requestKey));
    claim.apply(need); // 409 unless OPEN, before a slot is taken
    if (!slots.take(body.organizationId(), id, score.claimLimit())) {
      throw Problems.conflict("claim-limit", "Claim limit reached", "Organization '" + body.organizationId() + "' holds "
          + score.claimLimit() + " open claims already, the limit in " + need.township() + "; one must be resolved or released first.");
    }
    try {
      return ok(needs.change(id, ifMatch, caller.subject(), claim));
    } catch (RuntimeException e) {
      slots.free(body.organizationId(), id);
      throw e;
    }
  }

  /** The claim is given up: by the need's TOWNSHIP or the claiming ORGANIZATION; OPEN again. */
  @Operation(operationId = "releaseNeed", summary = "Release a claimed need")
  @PostMapping("/{id}/release")
  ResponseEntity<Need> release(@PathVariable String id, @Valid @RequestBody(required = false) Requests.ReleaseNeed body,
      Caller caller, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
    String reason = body == null ? null : body.reason();
    Need.RequestKey requestKey = requestKey(caller, "POST /api/needs/" + id + "/release", key, body == null ? Map.of() : body);
    AtomicReference<String> gaveUp = new AtomicReference<>();
    Need released = needs.change(id, ifMatch, caller.subject(), need -> {
      if (need.isClaimed()) caller.requireTownshipOfOrOrganization(need.township(), need.claim().organizationId());
      else if (caller.isTownship()) caller.requireTownshipOf(need.township());
      else caller.requireAnyRole(Role.ORGANIZATION);
    }, need -> {
      if (need.hasApplied(requestKey)) return null;
      gaveUp.set(need.isClaimed() ? need.claim().organizationId() : null);
      return need.release(reason).map(after -> after.remembering(requestKey));
    });
    if (gaveUp.get() != null) slots.free(gaveUp.get(), id);
    return ok(released);
  }

  /** The Idempotency-Key of a state change: its scoped id and the body's fingerprint (null without a key). */
  private static Need.RequestKey requestKey(Caller caller, String endpoint, String key, Object body) {
    return IdempotencyKeys.idFor(caller, endpoint, key).map(k -> new Need.RequestKey(k, IdempotencyKeys.fingerprint(body))).orElse(null);
  }

  private static ResponseEntity<Need> ok(Need n) {
    return ResponseEntity.ok().eTag(ETags.of(n.version())).body(n);
  }

  @Operation(operationId = "listNeeds", summary = "List needs")
  @GetMapping
  PageResponse<Need> list(Caller caller, @RequestParam(required = false) String villageCode,
      @RequestParam(required = false) @Pattern(regexp = "OPEN|CLAIMED|RESOLVED", message = "{village.validation.needStatus}") String status,
      @RequestParam(required = false) String ref,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.values());
    return register.list(villageCode, status, ref, PageQuery.of(page, size));
  }

  @Operation(operationId = "getNeed", summary = "Get a need")
  @GetMapping("/{id}")
  ResponseEntity<Need> get(@PathVariable String id, Caller caller) {
    caller.requireAnyRole(Role.values());
    return ok(needs.get(id));
  }

  @Operation(operationId = "getNeedHistory", summary = "History of a need")
  @GetMapping("/{id}/history")
  PageResponse<HistoryEntry> history(@PathVariable String id, Caller caller,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.values());
    return PageQuery.of(page, size).slice(needs.history(id));
  }
}
