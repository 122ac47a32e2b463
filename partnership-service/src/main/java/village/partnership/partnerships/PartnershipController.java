package village.partnership.partnerships;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.util.List;
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
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.ETags;
import village.support.web.HistoryEntry;
import village.support.web.IdempotencyKeys;
import village.support.web.PageQuery;
import village.support.web.PageResponse;

/** {@code /api/partnerships}. */
@Tag(name = "Partnerships", description = "An organization paired with a village (手拉手结对共建)")
@RestController
@RequestMapping("/api/partnerships")
class PartnershipController {
  private final PartnershipService service;
  private final Partnerships partnerships;

  PartnershipController(PartnershipService service, Partnerships partnerships) {
    this.service = service;
    this.partnerships = partnerships;
  }

  @Operation(operationId = "registerPartnership", summary = "Pair an organization with a village")
  @ApiResponse(responseCode = "201", description = "Created (an Idempotency-Key replay answers 200 with the stored resource)")
  @PostMapping
  ResponseEntity<Partnership> register(@Valid @RequestBody Requests.RegisterPartnership body, Caller caller,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
    Partnership p = service.register(body, caller, key);
    return ResponseEntity.created(URI.create("/api/partnerships/" + p.id())).eTag(ETags.of(p.version())).body(p);
  }

  @Operation(operationId = "listPartnerships", summary = "List partnerships")
  @GetMapping
  PageResponse<Partnership> list(Caller caller, @RequestParam(required = false) String villageCode,
      @RequestParam(required = false) String organizationId,
      @RequestParam(required = false) @Pattern(regexp = "ACTIVE|ENDED", message = "{village.validation.partnershipStatus}") String status,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.values());
    PageQuery q = PageQuery.of(page, size);
    return partnerships.list(villageCode, organizationId, status, q);
  }

  @Operation(operationId = "getPartnership", summary = "Get a partnership")
  @GetMapping("/{id}")
  ResponseEntity<Partnership> get(@PathVariable String id, Caller caller) {
    caller.requireAnyRole(Role.values());
    Partnership p = service.get(id);
    return ResponseEntity.ok().eTag(ETags.of(p.version())).body(p);
  }

  @Operation(operationId = "endPartnership", summary = "End a partnership")
  @PostMapping("/{id}/end")
  ResponseEntity<Partnership> end(@PathVariable String id, @Valid @RequestBody Requests.EndPartnership body, Caller caller,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    Partnership p = service.end(id, body, ifMatch, caller);
    return ResponseEntity.ok().eTag(ETags.of(p.version())).body(p);
  }

  @Operation(operationId = "getPartnershipHistory", summary = "History of a partnership")
  @GetMapping("/{id}/history")
  PageResponse<HistoryEntry> history(@PathVariable String id, Caller caller,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.values());
    return PageQuery.of(page, size).slice(service.history(id));
  }
}
