package village.partnership.needs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
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
import village.events.Topics;
import village.events.partnership.NeedPosted;
import village.partnership.matching.Suggestions;
import village.partnership.organizations.Organizations;
import village.partnership.partnerships.Partnership;
import village.partnership.partnerships.Partnerships;
import village.partnership.support.Category;
import village.partnership.support.Fields;
import village.partnership.support.History;
import village.partnership.support.Ids;
import village.partnership.villages.Village;
import village.partnership.villages.Villages;
import village.support.outbox.OutboxEvents;
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
  private final Needs needs;
  private final Villages villages;
  private final Partnerships partnerships;
  private final Organizations organizations;
  private final ClaimSlots slots;
  private final Suggestions suggestions;
  private final OutboxEvents events;
  private final Clock clock;

  NeedController(Needs needs, Villages villages, Partnerships partnerships, Organizations organizations, ClaimSlots slots,
      Suggestions suggestions, OutboxEvents events, Clock clock) {
    this.needs = needs;
    this.organizations = organizations;
    this.slots = slots;
    this.suggestions = suggestions;
    this.villages = villages;
    this.partnerships = partnerships;
    this.events = events;
    this.clock = clock;
  }

  @Operation(operationId = "postNeed", summary = "Post a need")
  @ApiResponse(responseCode = "201", description = "Created (an Idempotency-Key replay answers 200 with the stored resource)")
  @PostMapping
  ResponseEntity<Need> post(@Valid @RequestBody Requests.PostNeed body, Caller caller,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
    caller.requireAnyRole(Role.TOWNSHIP);
    Fields f = Fields.of(body);
    if (body != null) {
      f.code("villageCode", body.villageCode()).oneOf("category", body.category(), Category.class, true)
          .text("title", body.title(), true, Fields.MAX_NAME).text("description", body.description(), false, Fields.MAX_TEXT);
    }
    f.check();
    Village village = villages.find(body.villageCode()).orElseThrow(() ->
        Problems.unknownReference("villageCode", "Village '" + body.villageCode() + "' is not in the register."));
    caller.requireTownshipOf(village.township());
    String id = Ids.newId(caller, "POST /api/needs", key);
    String fingerprint = IdempotencyKeys.fingerprint(body);
    Document doc = new Document("_id", id).append("villageCode", body.villageCode()).append("township", village.township())
        .append("category", body.category()).append("title", body.title()).append("description", body.description())
        .append("status", Need.OPEN).append("version", 1L).append("createdAt", Date.from(clock.instant()))
        .append("fingerprint", fingerprint).append("ref", body.ref())
        .append("history", List.of(History.document(new HistoryEntry(1, clock.instant(), caller.subject(), "POSTED",
            Map.of("villageCode", body.villageCode(), "category", body.category(), "title", body.title())))));
    var event = events.entry(Topics.PARTNERSHIPS, new NeedPosted(id, body.villageCode(), village.township(),
        body.category(), body.title()), 1, caller);
    if (!needs.insert(doc, event)) {
      doc = needs.document(id).orElseThrow();
      IdempotencyKeys.requireSameRequest(doc.getString("fingerprint"), fingerprint);
    }
    Need n = Need.of(doc);
    return ResponseEntity.created(URI.create("/api/needs/" + id)).eTag(ETags.of(n.version())).body(n);
  }

  @Operation(operationId = "resolveNeed", summary = "Resolve a need through a partnership")
  @PostMapping("/{id}/resolve")
  ResponseEntity<Need> resolve(@PathVariable String id, @Valid @RequestBody Requests.ResolveNeed body, Caller caller,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    Need need = Need.of(load(id));
    caller.requireTownshipOf(need.township());
    Fields f = Fields.of(body);
    if (body != null) {
      f.code("partnershipId", body.partnershipId()).required("resolvedOn", body.resolvedOn())
          .text("note", body.note(), false, Fields.MAX_TEXT);
    }
    f.check();
    ETags.checkIfMatch(ifMatch, need.version());
    need.requireNotResolved(); // 409 before the partnership is looked up
    Partnership p = partnerships.find(body.partnershipId()).orElseThrow(() ->
        Problems.unknownReference("partnershipId", "Partnership '" + body.partnershipId() + "' does not exist."));
    Need.Move move = need.resolve(p, body.resolvedOn(), body.note());
    Need resolved = store(need, move, caller, null);
    if (need.isClaimed()) slots.free(need.claim().organizationId(), id);
    return ResponseEntity.ok().eTag(ETags.of(resolved.version())).body(resolved);
  }

  /** An ORGANIZATION takes an OPEN need on for itself, or the need's TOWNSHIP for a named organization (认领). */
  @Operation(operationId = "claimNeed", summary = "Claim an open need for an organization (认领)")
  @PostMapping("/{id}/claim")
  ResponseEntity<Need> claim(@PathVariable String id, @Valid @RequestBody Requests.ClaimNeed body, Caller caller,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
    Document doc = load(id);
    Need need = Need.of(doc);
    Fields f = Fields.of(body);
    if (body != null) f.code("organizationId", body.organizationId()).text("note", body.note(), false, Fields.MAX_TEXT);
    f.check();
    caller.requireTownshipOfOrOrganization(need.township(), body.organizationId());
    Document requestKey = requestKey(caller, "POST /api/needs/" + id + "/claim", key, body);
    Optional<Need> replay = replay(doc, requestKey);
    if (replay.isPresent()) return ok(replay.get());
    ETags.checkIfMatch(ifMatch, need.version());
    organizations.find(body.organizationId()).orElseThrow(() ->
        Problems.unknownReference("organizationId", "Organization '" + body.organizationId() + "' is not registered."));
    Suggestions.ClaimScore score = suggestions.forClaim(id, need.township(), body.organizationId());
    Need.Move move = need.claim(body.organizationId(), score.score(), score.weightsVersion(), clock.instant(), caller.subject());
    if (body.suggestionScore() != null) move.details().put("shownScore", body.suggestionScore());
    if (body.note() != null) move.details().put("note", body.note());
    if (!slots.take(body.organizationId(), id, score.claimLimit())) {
      throw Problems.conflict("claim-limit", "Claim limit reached", "Organization '" + body.organizationId() + "' holds "
          + score.claimLimit() + " open claims already, the limit in " + need.township() + "; one must be resolved or released first.");
    }
    try {
      return ok(store(need, move, caller, requestKey));
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
    Document doc = load(id);
    Need need = Need.of(doc);
    String reason = body == null ? null : body.reason();
    Fields.of(caller).text("reason", reason, false, Fields.MAX_TEXT).check();
    Document requestKey = requestKey(caller, "POST /api/needs/" + id + "/release", key, body == null ? Map.of() : body);
    if (need.isClaimed()) caller.requireTownshipOfOrOrganization(need.township(), need.claim().organizationId());
    else if (caller.isTownship()) caller.requireTownshipOf(need.township());
    else caller.requireAnyRole(Role.ORGANIZATION);
    Optional<Need> replay = replay(doc, requestKey);
    if (replay.isPresent()) return ok(replay.get());
    ETags.checkIfMatch(ifMatch, need.version());
    Need.Move move = need.release(reason);
    Need released = store(need, move, caller, requestKey);
    slots.free(need.claim().organizationId(), id);
    return ok(released);
  }

  /** Stores the move in one write; 409 (state) or 412 (version) when the need changed since it was read. */
  private Need store(Need before, Need.Move move, Caller caller, Document requestKey) {
    var history = new HistoryEntry((int) before.version() + 1, clock.instant(), caller.subject(), move.action(), move.details());
    var event = events.entry(Topics.PARTNERSHIPS, move.event(), before.version() + 1, caller);
    if (!needs.apply(before, move, history, event, requestKey)) {
      Need now = Need.of(load(before.id()));
      if (!now.status().equals(before.status())) {
        throw Problems.conflict("need-changed", "Need changed", "Need '" + before.id() + "' is " + now.status() + " now; read it again.");
      }
      throw Problems.preconditionFailed("Need '" + before.id() + "' changed concurrently; read it again.");
    }
    return move.after();
  }

  /** The stored form of an Idempotency-Key of a state change: its scoped id and the body's fingerprint (null without a key). */
  private static Document requestKey(Caller caller, String endpoint, String key, Object body) {
    return IdempotencyKeys.idFor(caller, endpoint, key)
        .map(k -> new Document("key", k).append("fingerprint", IdempotencyKeys.fingerprint(body))).orElse(null);
  }

  /** The need as it is now if this keyed request was applied already (422 if the key came with another body). */
  private static Optional<Need> replay(Document doc, Document requestKey) {
    if (requestKey == null) return Optional.empty();
    for (Document k : doc.getList("requestKeys", Document.class, List.of())) {
      if (k.getString("key").equals(requestKey.getString("key"))) {
        IdempotencyKeys.requireSameRequest(k.getString("fingerprint"), requestKey.getString("fingerprint"));
        return Optional.of(Need.of(doc));
      }
    }
    return Optional.empty();
  }

  private static ResponseEntity<Need> ok(Need n) {
    return ResponseEntity.ok().eTag(ETags.of(n.version())).body(n);
  }

  @Operation(operationId = "listNeeds", summary = "List needs")
  @GetMapping
  PageResponse<Need> list(Caller caller, @RequestParam(required = false) String villageCode,
      @RequestParam(required = false) String status, @RequestParam(required = false) String ref,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.values());
    PageQuery q = PageQuery.of(page, size);
    Fields.of(caller).rule(status == null || Need.STATUSES.contains(status), "status", "must be one of " + Need.STATUSES).check();
    return needs.list(villageCode, status, ref, q);
  }

  @Operation(operationId = "getNeed", summary = "Get a need")
  @GetMapping("/{id}")
  ResponseEntity<Need> get(@PathVariable String id, Caller caller) {
    caller.requireAnyRole(Role.values());
    Need n = Need.of(load(id));
    return ResponseEntity.ok().eTag(ETags.of(n.version())).body(n);
  }

  @Operation(operationId = "getNeedHistory", summary = "History of a need")
  @GetMapping("/{id}/history")
  PageResponse<HistoryEntry> history(@PathVariable String id, Caller caller,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.values());
    return PageQuery.of(page, size).slice(History.of(load(id)));
  }

  private Document load(String id) {
    return needs.document(id).orElseThrow(() -> Problems.notFound("Need", id));
  }
}
