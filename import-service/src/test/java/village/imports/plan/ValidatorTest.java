package village.imports.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import village.contracts.Money;
import village.imports.workbook.RowError;
import village.imports.workbook.Workbooks;

class ValidatorTest {
  static final String TOWNSHIP = "新镇";
  static final LocalDate TODAY = LocalDate.of(2024, 1, 10);
  static final String ORG_A = code("91510100MA6100000");
  static final String ORG_B = code("91510100MA6100001");
  static final String ORG_ON_RECORD = code("12510100MB0000001");

  /** A valid credit code: the first 17 characters and their check character. */
  static String code(String first17) {
    return first17 + CreditCodes.checkCharacter(first17);
  }

  static final List<String> VILLAGES = List.of("code", "name", "kind", "township", "county");
  static final List<String> ORGS = List.of("creditCode", "name", "type");
  static final List<String> PAIRS = List.of("creditCode", "villageCode", "startDate");
  static final List<String> NEEDS = List.of("ref", "villageCode", "category", "title", "resolvedOn", "resolvedByCreditCode");
  static final List<String> FUNDS = List.of("ref", "source", "villageCode", "committedAmount", "committedOn");
  static final List<String> DISB = List.of("fundRef", "amount", "disbursedOn");
  static final List<String> PROJECTS = List.of("ref", "name", "industry", "villageCodes", "quantity", "unit", "plannedInvestment", "startDate", "status");

  static Register register() {
    return new Register(
        Map.of("OLD01", new Register.Village("OLD01", "红旗村委会", "VILLAGE", TOWNSHIP, "某县"),
            "ELSE1", new Register.Village("ELSE1", "别村", "VILLAGE", "别镇", "某县")),
        Map.of(ORG_ON_RECORD, new Register.Organization("org-1", ORG_ON_RECORD, "县农业农村局", "TOWNSHIP_AGENCY")),
        List.of(new Register.Partnership("p-1", "org-1", "OLD01", "ACTIVE", LocalDate.of(2022, 1, 1), null)),
        Map.of(), Map.of("XM1", new Register.Project("pr-1", "XM1", "核桃基地", "WALNUT", "COMPLETED", 100, List.of())),
        Map.of("F0", new Register.Fund("f-0", "F0", "FISCAL", Money.ofYuan("100.00"), LocalDate.of(2023, 1, 1),
            List.of(new Register.Disbursement(Money.ofYuan("60.00"), LocalDate.of(2023, 2, 1), false)))),
        Map.of(), Map.of());
  }

  /** A good workbook: two villages, two organizations, a pairing, a resolved need, a fund and a payment. */
  static Workbooks good() {
    return Workbooks.create()
        .sheet("villages", VILLAGES, List.of("NEW01", "青山村", "VILLAGE", TOWNSHIP, "某县"), List.of("NEW02", "绿水社区", "COMMUNITY", TOWNSHIP, "某县"))
        .sheet("organizations", ORGS, List.of(ORG_A, "某某农业公司", "ENTERPRISE"), List.of(ORG_B, "某某合作社", "SOCIAL_ORGANIZATION"))
        .sheet("partnerships", PAIRS, List.of(ORG_A, "NEW01", "2023-01-01"))
        .sheet("needs", NEEDS, List.of("N1", "NEW01", "INFRASTRUCTURE", "修路", "2023-05-01", ORG_A))
        .sheet("funds", FUNDS, List.of("F1", "FISCAL", "NEW01", "1000.00", "2023-02-01"))
        .sheet("disbursements", DISB, List.of("F1", "400.00", "2023-03-01"), List.of("F1", 600, "2023-04-01"));
  }

  static Plan validate(Workbooks wb) {
    return Validator.validate(wb.parsed(), TOWNSHIP, register(), TODAY);
  }

  @Test
  void aGoodWorkbookPlansEveryWriteInOrder() {
    Plan plan = validate(good());
    assertThat(plan.errors()).isEmpty();
    assertThat(plan.ops()).extracting(Op::kind).containsExactly(Op.Kind.REGISTER_VILLAGE, Op.Kind.REGISTER_VILLAGE,
        Op.Kind.REGISTER_ORGANIZATION, Op.Kind.REGISTER_ORGANIZATION, Op.Kind.REGISTER_PARTNERSHIP, Op.Kind.POST_NEED,
        Op.Kind.RESOLVE_NEED, Op.Kind.COMMIT_FUND, Op.Kind.DISBURSE, Op.Kind.DISBURSE);
    assertThat(plan.summary().get("villages")).isEqualTo(new Plan.SheetSummary(2, 0, 0, 0));
    assertThat(plan.ops().get(9).body()).containsEntry("amount", "600.00");
  }

  /** One mistake each: sheet, rows, the expected error's row, column and a piece of its message. */
  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("bad credit code", good().sheet("organizations", ORGS, List.of(ORG_A, "某某农业公司", "ENTERPRISE"),
            List.of(ORG_B.substring(0, 17) + (ORG_B.charAt(17) == '0' ? '1' : '0'), "某某合作社", "SOCIAL_ORGANIZATION")),
            "organizations", 3, "creditCode", "check character"),
        Arguments.of("unknown village", good().sheet("partnerships", PAIRS, List.of(ORG_A, "NEW01", "2023-01-01"), List.of(ORG_A, "NOPE9", "2023-01-01")),
            "partnerships", 3, "villageCode", "unknown village NOPE9"),
        Arguments.of("another township's village", good().sheet("partnerships", PAIRS, List.of(ORG_A, "NEW01", "2023-01-01"), List.of(ORG_A, "ELSE1", "2023-01-01")),
            "partnerships", 3, "villageCode", "township 别镇"),
        Arguments.of("disbursement over commitment", good().sheet("disbursements", DISB, List.of("F1", "400.00", "2023-03-01"),
            List.of("F1", "600.01", "2023-04-01")), "disbursements", 3, "amount", "above its commitment of 1000.00"),
        Arguments.of("over what is left of a fund on record", good().sheet("disbursements", DISB, List.of("F0", "40.01", "2023-03-01")),
            "disbursements", 2, "amount", "above its commitment of 100.00"),
        Arguments.of("resolve through an unpaired organization", good().sheet("needs", NEEDS,
            List.of("N1", "NEW01", "INFRASTRUCTURE", "修路", "2023-05-01", ORG_B)), "needs", 2, "resolvedByCreditCode", "not paired with village NEW01"),
        Arguments.of("resolve before the pairing began", good().sheet("needs", NEEDS,
            List.of("N1", "NEW01", "INFRASTRUCTURE", "修路", "2022-05-01", ORG_A)), "needs", 2, "resolvedOn", "before the pairing"),
        Arguments.of("unknown column", good().sheet("funds", List.of("ref", "source", "villageCode", "committedAmount", "committedOn", "colour"),
            List.of("F1", "FISCAL", "NEW01", "1000.00", "2023-02-01", "red")), "funds", 1, null, "unknown column"),
        Arguments.of("text that is no date", good().sheet("partnerships", PAIRS, List.of(ORG_A, "NEW01", "1.1.2023")),
            "partnerships", 2, "startDate", "YYYY-MM-DD"),
        Arguments.of("a number where a date goes", good().sheet("partnerships", PAIRS, List.of(ORG_A, "NEW01", 44927)),
            "partnerships", 2, "startDate", "a date cell"),
        Arguments.of("amount text with three decimals", good().sheet("funds", FUNDS, List.of("F1", "FISCAL", "NEW01", "1000.001", "2023-02-01")),
            "funds", 2, "committedAmount", "more than 2 decimals"),
        Arguments.of("amount that is no number", good().sheet("funds", FUNDS, List.of("F1", "FISCAL", "NEW01", "一千", "2023-02-01")),
            "funds", 2, "committedAmount", "yuan"),
        Arguments.of("a village named like one on record", good().sheet("villages", VILLAGES, List.of("NEW01", "青山村", "VILLAGE", TOWNSHIP, "某县"),
            List.of("NEW02", "红旗村", "VILLAGE", TOWNSHIP, "某县")), "villages", 3, "name", "红旗村委会 (code OLD01)"),
        Arguments.of("an enumerated value outside its list", good().sheet("funds", FUNDS, List.of("F1", "GRANT", "NEW01", "1000.00", "2023-02-01")),
            "funds", 2, "source", "must be one of"),
        Arguments.of("a project status that cannot be reached", good().sheet("projects", PROJECTS,
            List.of("XM1", "核桃基地", "WALNUT", "OLD01", 20000, "MU", "0", "2023-01-01", "IN_PROGRESS")), "projects", 2, "status", "cannot go from COMPLETED"),
        Arguments.of("a village on record with another kind", Workbooks.create().sheet("villages", VILLAGES,
            List.of("OLD01", "红旗村委会", "COMMUNITY", TOWNSHIP, "某县")), "villages", 2, "code",
            "village OLD01 is registered differently (kind VILLAGE on record); an import does not change the register"),
        Arguments.of("a village on record with another name", Workbooks.create().sheet("villages", VILLAGES,
            List.of("OLD01", "红旗村", "COMMUNITY", TOWNSHIP, "某县")), "villages", 2, "name",
            "(name '红旗村委会' on record, kind VILLAGE on record)"),
        Arguments.of("an organization on record with another type", Workbooks.create().sheet("organizations", ORGS,
            List.of(ORG_ON_RECORD, "县农业农村局", "ENTERPRISE")), "organizations", 2, "type", "(type TOWNSHIP_AGENCY on record)"),
        Arguments.of("a fund on record with another amount", Workbooks.create().sheet("funds", FUNDS,
            List.of("F0", "FISCAL", "OLD01", "100.50", "2023-01-01")), "funds", 2, "committedAmount",
            "fund F0 is on record differently (committedAmount 100.00 on record); an import does not change a commitment"),
        Arguments.of("a fund on record with another date", Workbooks.create().sheet("funds", FUNDS,
            List.of("F0", "FISCAL", "OLD01", "100.00", "2023-01-02")), "funds", 2, "ref", "(committedOn 2023-01-01 on record)"),
        Arguments.of("a project on record with another industry", Workbooks.create().sheet("projects", PROJECTS,
            List.of("XM1", "核桃基地", "SWEET_POTATO", "OLD01", 20000, "MU", "0", "2023-01-01", "COMPLETED")), "projects", 2, "name",
            "project XM1 is registered differently (industry WALNUT on record)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void eachMistakeIsReportedOnItsCell(String name, Workbooks wb, String sheet, int row, String column, String message) {
    Plan plan = validate(wb);
    assertThat(plan.errors()).as(name).anySatisfy(e -> {
      assertThat(e.sheet()).isEqualTo(sheet);
      assertThat(e.row()).isEqualTo(row);
      assertThat(e.column()).isEqualTo(column);
      assertThat(e.message()).contains(message);
    });
  }

  @Test
  void amountsAreExactWhetherNumberCellsOrText() {
    Plan plan = validate(Workbooks.create().sheet("funds", FUNDS,
        List.of("F1", "FISCAL", "OLD01", 1234567.89, "2023-02-01"), List.of("F2", "FISCAL", "OLD01", "0.10", "2023-02-01")));
    assertThat(plan.errors()).isEmpty();
    assertThat(plan.ops()).extracting(o -> o.body().get("committedAmount")).containsExactly("1234567.89", "0.10");
  }

  @Test
  void aRowReferringToAFailedRowFailsToo_andSkipAppliesOnlyValidRows() {
    Plan plan = validate(good().sheet("organizations", ORGS, List.of("91510100MA61234560", "坏代码公司", "ENTERPRISE")));
    // ORG_A is now unknown: its pairing, and the need resolved through it, fail; the villages and the fund still go
    assertThat(plan.errors()).extracting(RowError::sheet).contains("organizations", "partnerships", "needs");
    assertThat(plan.ops()).extracting(Op::kind).contains(Op.Kind.REGISTER_VILLAGE, Op.Kind.COMMIT_FUND)
        .doesNotContain(Op.Kind.REGISTER_PARTNERSHIP, Op.Kind.RESOLVE_NEED);
  }

  @Test
  void whatIsOnRecordAlreadyIsUnchanged() {
    Plan plan = validate(Workbooks.create()
        .sheet("villages", VILLAGES, List.of("OLD01", "红旗村委会", "VILLAGE", TOWNSHIP, "某县"))
        .sheet("partnerships", PAIRS, List.of(ORG_ON_RECORD, "OLD01", "2022-01-01"))
        .sheet("disbursements", DISB, List.of("F0", "60.00", "2023-02-01")));
    assertThat(plan.errors()).isEmpty();
    assertThat(plan.ops()).isEmpty();
    assertThat(plan.changes()).extracting(Plan.Change::action).containsOnly("UNCHANGED");
  }

  @Test
  void aProjectReachesItsStatusThroughTheAllowedMovesAndReportsProgressOnTheWay() {
    Plan plan = validate(Workbooks.create().sheet("projects", List.of("ref", "name", "industry", "villageCodes", "quantity", "unit",
        "plannedInvestment", "startDate", "status", "percentComplete"),
        List.of("XM2", "红薯基地", "sweet_potato", "OLD01", 5000, "MU", "1500000", "2023-03-01", "COMPLETED", 100)));
    assertThat(plan.errors()).isEmpty();
    assertThat(plan.ops()).extracting(o -> o.kind() + (o.ref("status") == null ? "" : " " + o.ref("status")))
        .containsExactly("REGISTER_PROJECT", "CHANGE_PROJECT_STATUS APPROVED", "CHANGE_PROJECT_STATUS IN_PROGRESS", "REPORT_PROGRESS",
            "CHANGE_PROJECT_STATUS COMPLETED");
  }

  @Test
  void nearNamesAreFound() {
    assertThat(NearMatches.likely("红旗村", List.of("红旗村委会"), s -> s)).contains("红旗村委会");
    assertThat(NearMatches.likely("红旗一组", List.of("红旗二组"), s -> s)).contains("红旗二组");
    assertThat(NearMatches.likely("张家湾村", List.of("李家村", "青山社区"), s -> s)).isEmpty();
    assertThat(Set.of(ProjectMoves.path("PLANNED", "PLANNED"))).containsExactly(List.of());
    assertThat(ProjectMoves.path("SUSPENDED", "COMPLETED")).containsExactly("IN_PROGRESS", "COMPLETED");
  }
}
