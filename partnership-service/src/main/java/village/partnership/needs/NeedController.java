package village.partnership.needs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
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
import village.events.partnership.NeedResolved;
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

/** {@code /api/needs}: a TOWNSHIP posts its villages' needs and marks them resolved through a partnership. */
@Tag(name = "Needs", description = "What a village needs (需求清单), resolved through a pairing")
@RestController
@RequestMapping("/api/needs")
class NeedController {
  private final Needs needs;
  private final Villages villages;
  private final Partnerships partnerships;
  private final OutboxEvents events;
  private final Clock clock;

  NeedController(Needs needs, Villages villages, Partnerships partnerships, OutboxEvents events, Clock clock) {
    this.needs = needs;
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
        .append("fingerprint", fingerprint)
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
    if (!Need.OPEN.equals(need.status())) {
      throw Problems.conflict("need-resolved", "Need resolved", "Need '" + id + "' is RESOLVED already.");
    }
    Partnership p = partnerships.find(body.partnershipId()).orElseThrow(() ->
        Problems.unknownReference("partnershipId", "Partnership '" + body.partnershipId() + "' does not exist."));
    if (!p.villageCode().equals(need.villageCode())) {
      throw Problems.unknownReference("partnershipId", "Partnership '" + p.id() + "' is with village " + p.villageCode()
          + ", not with " + need.villageCode() + ".");
    }
    if (!Partnership.ACTIVE.equals(p.status())) {
      throw Problems.unknownReference("partnershipId", "Partnership '" + p.id() + "' is ENDED; a need is resolved through an ACTIVE one.");
    }
    if (p.startDate() != null && body.resolvedOn().isBefore(p.startDate())) {
      throw Problems.invalid("resolvedOn", "must not be before the partnership's startDate " + p.startDate());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("partnershipId", p.id());
    details.put("resolvedOn", body.resolvedOn().toString());
    if (body.note() != null) details.put("note", body.note());
    var history = new HistoryEntry((int) need.version() + 1, clock.instant(), caller.subject(), "RESOLVED", details);
    var event = events.entry(Topics.PARTNERSHIPS, new NeedResolved(id, need.villageCode(), p.id(), body.resolvedOn()),
        need.version() + 1, caller);
    if (!needs.resolve(id, need.version(), p.id(), body.resolvedOn().toString(), body.note(), history, event)) {
      Need now = Need.of(load(id));
      if (!Need.OPEN.equals(now.status())) throw Problems.conflict("need-resolved", "Need resolved", "Need '" + id + "' is RESOLVED already.");
      throw Problems.preconditionFailed("Need '" + id + "' changed concurrently; read it again.");
    }
    Need resolved = Need.of(load(id));
    return ResponseEntity.ok().eTag(ETags.of(resolved.version())).body(resolved);
  }

  @Operation(operationId = "listNeeds", summary = "List needs")
  @GetMapping
  PageResponse<Need> list(Caller caller, @RequestParam(required = false) String villageCode,
      @RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.values());
    PageQuery q = PageQuery.of(page, size);
    Fields.of(caller).rule(status == null || status.equals(Need.OPEN) || status.equals(Need.RESOLVED), "status",
        "must be OPEN or RESOLVED").check();
    List<Bson> filters = new ArrayList<>();
    if (villageCode != null) filters.add(eq("villageCode", villageCode));
    if (status != null) filters.add(eq("status", status));
    return needs.list(filters.isEmpty() ? new Document() : and(filters), q);
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
