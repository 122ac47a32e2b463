package village.funds.fund;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import village.support.validation.OneOf;

import java.net.URI;
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
import village.events.vocabulary.FundSource;

/** {@code /api/funds}: commitments, disbursements, reversals, lists and history. */
@Tag(name = "Funds", description = "Money committed to a project or village (资金), its disbursements and reversals")
@RestController
@RequestMapping("/api/funds")
class FundController {
  private final FundService service;
  private final Funds funds;

  FundController(FundService service, Funds funds) {
    this.service = service;
    this.funds = funds;
  }

  @Operation(operationId = "commitFund", summary = "Commit a fund")
  @ApiResponse(responseCode = "201", description = "Created (an Idempotency-Key replay answers 200 with the stored resource)")
  @PostMapping
  ResponseEntity<FundResponse> commit(@Valid @RequestBody CommitFundRequest body, Caller caller,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
    Fund f = service.commit(body, caller, key);
    return ResponseEntity.created(URI.create("/api/funds/" + f.id())).eTag(ETags.of(f.version())).body(FundResponse.of(f));
  }

  @Operation(operationId = "listFunds", summary = "List funds")
  @GetMapping
  PageResponse<FundResponse> list(Caller caller, @RequestParam(required = false) @OneOf(FundSource.class) String source,
      @RequestParam(required = false) String projectId, @RequestParam(required = false) String villageCode,
      @RequestParam(required = false) String investorOrganizationId, @RequestParam(required = false) String ref,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.values());
    PageQuery q = PageQuery.of(page, size);
    var query = new Funds.Query(source == null ? null : FundSource.valueOf(source), projectId, villageCode, investorOrganizationId, ref);
    return funds.list(query, q).map(FundResponse::of);
  }

  @Operation(operationId = "getFund", summary = "Get a fund")
  @GetMapping("/{id}")
  ResponseEntity<FundResponse> get(@PathVariable String id, Caller caller) {
    caller.requireAnyRole(Role.values());
    Fund f = service.get(id);
    return ResponseEntity.ok().eTag(ETags.of(f.version())).body(FundResponse.of(f));
  }

  @Operation(operationId = "getFundHistory", summary = "History of a fund")
  @GetMapping("/{id}/history")
  PageResponse<HistoryEntry> history(@PathVariable String id, Caller caller, @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.values());
    return service.history(id, PageQuery.of(page, size));
  }

  @Operation(operationId = "disburse", summary = "Disburse from a fund")
  @ApiResponse(responseCode = "201", description = "Created (an Idempotency-Key replay answers 200 with the stored resource)")
  @PostMapping("/{id}/disbursements")
  ResponseEntity<FundResponse.DisbursementResponse> disburse(@PathVariable String id, @Valid @RequestBody DisburseRequest body,
      Caller caller, @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    FundService.Paid paid = service.disburse(id, body, caller, key, ifMatch);
    return ResponseEntity.created(URI.create("/api/funds/" + id + "/disbursements/" + paid.disbursement().id()))
        .eTag(ETags.of(paid.fund().version())).body(FundResponse.DisbursementResponse.of(id, paid.disbursement()));
  }

  @Operation(operationId = "reverseDisbursement", summary = "Reverse a disbursement")
  @PostMapping("/{id}/disbursements/{disbursementId}/reverse")
  ResponseEntity<FundResponse.DisbursementResponse> reverse(@PathVariable String id, @PathVariable String disbursementId,
      @Valid @RequestBody ReverseRequest body, Caller caller,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    FundService.Paid paid = service.reverse(id, disbursementId, body, caller, ifMatch);
    return ResponseEntity.ok().eTag(ETags.of(paid.fund().version()))
        .body(FundResponse.DisbursementResponse.of(id, paid.disbursement()));
  }
}
