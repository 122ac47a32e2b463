package village.funds.income;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import village.support.validation.Yuan;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import village.contracts.Money;
import village.funds.references.References;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.ETags;
import village.support.web.HistoryEntry;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import village.support.web.Problems;

/** {@code /api/collective-income}: a TOWNSHIP reports each village's income per year; the latest value stands. */
@Tag(name = "Collective income", description = "A village's collective economy income (村级集体经济收入) per year")
@RestController
@RequestMapping("/api/collective-income")
class CollectiveIncomeController {
  static final int FIRST_YEAR = 1949;
  static final int LAST_YEAR = 2100;

  record ReportIncome(@NotNull @Yuan(sign = Yuan.Sign.NOT_NEGATIVE) String amount) {}

  private final CollectiveIncomes incomes;
  private final References references;

  CollectiveIncomeController(CollectiveIncomes incomes, References references) {
    this.incomes = incomes;
    this.references = references;
  }

  @Operation(operationId = "reportCollectiveIncome", summary = "Report a village's collective income for a year")
  @PutMapping("/{villageCode}/{year}")
  ResponseEntity<CollectiveIncome.Response> report(@PathVariable String villageCode, @PathVariable int year,
      @Valid @RequestBody ReportIncome body, Caller caller) {
    caller.requireAnyRole(Role.TOWNSHIP);
    if (year < FIRST_YEAR || year > LAST_YEAR) throw Problems.invalid("year", "must be between " + FIRST_YEAR + " and " + LAST_YEAR);
    References.Village village = references.village(villageCode).orElseThrow(() ->
        Problems.notFound("Village", villageCode));
    caller.requireTownshipOf(village.township());
    return ok(incomes.report(villageCode, village.township(), year, Money.ofYuan(body.amount()), caller));
  }

  @Operation(operationId = "listCollectiveIncome", summary = "List collective income")
  @GetMapping
  PageResponse<CollectiveIncome.Response> list(Caller caller, @RequestParam(required = false) Integer year,
      @RequestParam(required = false) String villageCode, @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.values());
    PageQuery q = PageQuery.of(page, size);
    return incomes.list(year, villageCode, q).map(CollectiveIncome.Response::of);
  }

  @Operation(operationId = "getCollectiveIncome", summary = "Get a village's collective income for a year")
  @GetMapping("/{villageCode}/{year}")
  ResponseEntity<CollectiveIncome.Response> get(@PathVariable String villageCode, @PathVariable int year, Caller caller) {
    caller.requireAnyRole(Role.values());
    return ok(load(villageCode, year));
  }

  @Operation(operationId = "getCollectiveIncomeHistory", summary = "History of a collective income figure")
  @GetMapping("/{villageCode}/{year}/history")
  PageResponse<HistoryEntry> history(@PathVariable String villageCode, @PathVariable int year, Caller caller,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.values());
    load(villageCode, year);
    return PageQuery.of(page, size).slice(incomes.history(villageCode, year));
  }

  private CollectiveIncome load(String villageCode, int year) {
    return incomes.find(villageCode, year).orElseThrow(() -> Problems.notFound("Collective income", villageCode + "/" + year));
  }

  private static ResponseEntity<CollectiveIncome.Response> ok(CollectiveIncome i) {
    return ResponseEntity.ok().eTag(ETags.of(i.version())).body(CollectiveIncome.Response.of(i));
  }
}
