package village.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import village.devstack.XlsxFiles;

/**
 * Issue 20's "done when", against the running system: the workbook of a new township, written here with POI (not
 * from the template) with four deliberate mistakes — a bad credit code, an unknown village, a disbursement over its
 * commitment, a need resolved through an organization not paired with the village — dry-runs to exactly those errors
 * (sheet, row, column) and changes nothing, and so does a real run of it; corrected, it imports and the township's
 * statistics equal the sums of the file; posting it again creates nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportIT {
  private static RunningSystem system;
  private static String township;
  private static String clerk;
  private static String county;
  private static String v1, v2, v3;
  private static String orgA, orgB, orgC;

  @BeforeAll
  static void aNewTownship() {
    system = RunningSystem.get();
    String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 99_999));
    township = "导入镇" + suffix;
    clerk = system.token("import-clerk-" + suffix, "TOWNSHIP", null, township);
    county = system.token("import-county", "COUNTY", null, null);
    v1 = "IM" + suffix + "A";
    v2 = "IM" + suffix + "B";
    v3 = "IM" + suffix + "C";
    orgA = CreditCodes.random();
    orgB = CreditCodes.random();
    orgC = CreditCodes.random();
  }

  // ------------------------------------------------------------------------------------------------ the file

  /** The workbook; {@code mistakes} puts the four deliberate errors in (rows noted beside them). */
  static Map<String, List<List<Object>>> workbook(boolean mistakes) {
    Map<String, List<List<Object>>> wb = new LinkedHashMap<>();
    wb.put("villages", rows(List.of("code", "name", "kind", "township", "county"),
        List.of(v1, "青山村", "VILLAGE", township, "测试县"),
        List.of(v2, "绿水村", "VILLAGE", township, "测试县"),
        List.of(v3, "新城社区", "COMMUNITY", township, "测试县")));
    String badC = orgC.substring(0, 17) + (orgC.charAt(17) == '0' ? '1' : '0');
    // Chinese labels for this sheet's headers, so both kinds are exercised
    wb.put("结对单位", rows(List.of("统一社会信用代码", "单位名称", "单位类型"),
        List.of(orgA, "测试农业发展有限公司" + orgA.substring(10), "ENTERPRISE"),
        List.of(orgB, "测试县供销社" + orgB.substring(10), "PUBLIC_INSTITUTION"),
        List.of(mistakes ? badC : orgC, "测试电商协会" + orgC.substring(10), "SOCIAL_ORGANIZATION"))); // row 4: bad credit code
    wb.put("partnerships", rows(List.of("creditCode", "villageCode", "startDate", "focus"),
        List.of(orgA, v1, LocalDate.of(2023, 1, 10), "INDUSTRY,MARKETING"),
        List.of(orgB, v2, "2023-02-01", "FUNDING"),
        List.of(orgA, mistakes ? "NOSUCHVILLAGE" : v3, "2023-03-01", "TALENT"))); // row 4: unknown village
    wb.put("needs", rows(List.of("ref", "villageCode", "category", "title", "resolvedOn", "resolvedByCreditCode"),
        List.of("XQ-1", v1, "INFRASTRUCTURE", "修缮机耕道", "2023-06-30", orgA),
        List.of("XQ-2", v2, "MARKETING", "农产品销路", "", ""),
        List.of("XQ-3", v2, "FUNDING", "产业启动资金", LocalDate.of(2023, 8, 1), orgB),
        List.of("XQ-4", v3, "TALENT", "电商培训", "2023-09-15", orgA))); // row 5: A not paired with v3 while row 4 is wrong
    wb.put("projects", rows(List.of("ref", "name", "industry", "villageCodes", "leadCreditCode", "quantity", "unit",
            "plannedInvestment", "startDate", "endDate", "status", "percentComplete"),
        List.of("XM-1", "红薯产业基地", "SWEET_POTATO", v1 + "," + v2, orgA, 1200, "MU", "1500000.00", "2023-03-01", "2023-12-31",
            "IN_PROGRESS", 60)));
    wb.put("milestones", rows(List.of("projectRef", "title", "dueDate", "completedOn"),
        List.of("XM-1", "育苗完成", "2023-05-01", "2023-04-28"),
        List.of("XM-1", "收获", "2023-10-31", "")));
    wb.put("funds", rows(List.of("ref", "source", "investorCreditCode", "projectRef", "villageCode", "committedAmount", "committedOn"),
        List.of("ZJ-1", "FISCAL", "", "XM-1", v1, "1000000.50", "2023-03-15"),
        List.of("ZJ-2", "SOCIAL_CAPITAL", orgA, "", v2, 2000000, "2023-04-01")));
    wb.put("disbursements", rows(List.of("fundRef", "amount", "disbursedOn", "note"),
        List.of("ZJ-1", "300000.25", "2023-04-10", "第一笔"),
        List.of("ZJ-1", 200000, LocalDate.of(2023, 6, 1), "第二笔"),
        List.of("ZJ-2", "1500000.00", "2023-05-01", ""),
        List.of("ZJ-2", mistakes ? "500000.01" : "500000.00", "2023-09-01", "尾款"))); // row 5: over the commitment by 0.01
    wb.put("income", rows(List.of("villageCode", "year", "amount"),
        List.of(v1, 2023, "356000.10"),
        List.of(v2, 2023, 620000),
        List.of(v3, 2023, "150000.00")));
    return wb;
  }

  private static List<List<Object>> rows(List<String> header, List<?>... rows) {
    return XlsxFiles.sheet(header, rows);
  }

  static byte[] xlsx(Map<String, List<List<Object>>> sheets) {
    return XlsxFiles.write(sheets);
  }

  // ------------------------------------------------------------------------------------------------ the tests

  @Test
  @Order(1)
  void theFaultyWorkbookDryRunsToExactlyItsFourMistakesAndChangesNothing() {
    byte[] file = xlsx(workbook(true));
    JsonNode job = run(file, true);
    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("DONE");
    assertThat(errors(job)).containsExactlyInAnyOrder(
        "结对单位|4|creditCode", "partnerships|4|villageCode", "needs|5|resolvedByCreditCode", "disbursements|5|amount");
    for (JsonNode e : job.path("errors")) assertThat(e.path("message").asString()).isNotBlank();
    assertNothingOfTheTownship();

    JsonNode real = run(file, false);
    assertThat(real.path("status").asString()).isEqualTo("FAILED");
    assertThat(errors(real)).hasSize(4);
    assertNothingOfTheTownship();

    // the report: the workbook back, with the messages in an added column
    HttpResponse<byte[]> report = get("/api/imports/" + real.path("id").asString() + "/report");
    assertThat(report.statusCode()).isEqualTo(200);
    assertThat(report.body().length).isGreaterThan(1000);
  }

  @Test
  @Order(2)
  void correctedItImportsAndTheTownshipsStatisticsAreTheSumsOfTheFile() {
    Map<String, List<List<Object>>> wb = workbook(false);
    JsonNode job = run(xlsx(wb), false);
    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("DONE");
    assertThat(job.path("errors").size()).as(job.toString()).isZero();
    assertThat(job.path("summary").path("villages").path("created").asInt()).isEqualTo(3);
    assertThat(job.path("summary").path("disbursements").path("created").asInt()).isEqualTo(4);

    Expected x = expected(wb);
    AtomicReference<JsonNode> last = new AtomicReference<>();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      JsonNode o = overview();
      last.set(o);
      assertThat(o.path("villages").path("total").asInt()).isEqualTo(x.villages);
      assertThat(o.path("villages").path("covered").asInt()).isEqualTo(x.villagesPaired);
      assertThat(o.path("partnerships").path("active").asInt()).isEqualTo(x.partnerships);
      assertThat(o.path("needs").path("resolved").asInt()).isEqualTo(x.resolved);
      assertThat(o.path("needs").path("open").asInt()).isEqualTo(x.needs - x.resolved);
      assertThat(o.path("projects").path("total").asInt()).isEqualTo(x.projects);
      assertThat(new BigDecimal(o.path("investment").path("committed").asString())).isEqualByComparingTo(x.committed);
      assertThat(new BigDecimal(o.path("investment").path("disbursed").asString())).isEqualByComparingTo(x.disbursed);
      assertThat(new BigDecimal(o.path("collectiveIncome").path("total").asString())).isEqualByComparingTo(x.income);
    });
    System.out.println("township " + township + " after the import: " + last.get());
  }

  @Test
  @Order(3)
  void postingItAgainCreatesNothing() {
    JsonNode before = overview();
    long needs = total("/api/needs?villageCode=" + v2 + "&size=1");
    long funds = total("/api/funds?villageCode=" + v2 + "&size=1");
    JsonNode job = run(xlsx(workbook(false)), false);
    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("DONE");
    for (JsonNode sheet : job.path("summary")) {
      assertThat(sheet.path("created").asInt() + sheet.path("updated").asInt() + sheet.path("failed").asInt()).as(job.path("summary").toString()).isZero();
    }
    assertThat(total("/api/needs?villageCode=" + v2 + "&size=1")).isEqualTo(needs);
    assertThat(total("/api/funds?villageCode=" + v2 + "&size=1")).isEqualTo(funds);
    JsonNode after = overview();
    assertThat(after.path("investment")).isEqualTo(before.path("investment"));
    assertThat(after.path("needs")).isEqualTo(before.path("needs"));
    assertThat(after.path("partnerships")).isEqualTo(before.path("partnerships"));
  }

  @Test
  @Order(4)
  void hostileFilesAreClearProblemsNeverServerErrors() {
    assertThat(post("not a workbook".getBytes(StandardCharsets.UTF_8), "x.xlsx", true).statusCode()).isEqualTo(415);
    assertThat(post(xlsx(workbook(false)), "macros.xlsm", true).statusCode()).isEqualTo(415);
    assertThat(post(new byte[] {'P', 'K', 3, 4, 1, 2, 3}, "broken.xlsx", true).statusCode()).isEqualTo(400);
    HttpResponse<byte[]> template = get("/api/imports/template");
    assertThat(template.statusCode()).isEqualTo(200);
    assertThat(post(template.body(), "template.xlsx", true).statusCode()).isEqualTo(202);
  }

  // ------------------------------------------------------------------------------------------------ expectations

  record Expected(int villages, int villagesPaired, int partnerships, int needs, int resolved, int projects, BigDecimal committed,
      BigDecimal disbursed, BigDecimal income) {}

  /** What the township's statistics must show: computed from the file's rows. */
  static Expected expected(Map<String, List<List<Object>>> wb) {
    List<List<Object>> villages = body(wb.get("villages"));
    List<List<Object>> pairs = body(wb.get("partnerships"));
    Set<Object> paired = new HashSet<>();
    pairs.forEach(p -> paired.add(p.get(1)));
    List<List<Object>> needs = body(wb.get("needs"));
    int resolved = (int) needs.stream().filter(n -> !"".equals(n.get(4))).count();
    BigDecimal committed = sum(body(wb.get("funds")), 5);
    BigDecimal disbursed = sum(body(wb.get("disbursements")), 1);
    BigDecimal income = sum(body(wb.get("income")), 2);
    return new Expected(villages.size(), paired.size(), pairs.size(), needs.size(), resolved, body(wb.get("projects")).size(),
        committed, disbursed, income);
  }

  private static List<List<Object>> body(List<List<Object>> sheet) {
    return sheet.subList(1, sheet.size());
  }

  private static BigDecimal sum(List<List<Object>> rows, int column) {
    BigDecimal s = BigDecimal.ZERO;
    for (List<Object> r : rows) s = s.add(new BigDecimal(String.valueOf(r.get(column))));
    return s;
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private static Set<String> errors(JsonNode job) {
    Set<String> out = new HashSet<>();
    for (JsonNode e : job.path("errors")) out.add(e.path("sheet").asString() + "|" + e.path("row").asInt() + "|" + e.path("column").asString(""));
    return out;
  }

  private static void assertNothingOfTheTownship() {
    for (String code : List.of(v1, v2, v3)) {
      assertThat(system.http.get("/api/villages/" + code, county).status()).as("village " + code).isEqualTo(404);
    }
    JsonNode orgs = system.http.get("/api/organizations?size=500", county).body();
    for (JsonNode o : orgs.path("items")) assertThat(o.path("creditCode").asString()).isNotIn(orgA, orgB, orgC);
  }

  private static JsonNode overview() {
    Http.Response r = system.http.get("/api/stats/overview?township=" + URLEncoder.encode(township, StandardCharsets.UTF_8), county);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.body();
  }

  private static long total(String path) {
    return system.http.get(path, county).body().path("total").asLong();
  }

  private static JsonNode run(byte[] file, boolean dryRun) {
    return new Imports(system, clerk).run(file, dryRun);
  }

  private static HttpResponse<byte[]> post(byte[] file, String name, boolean dryRun) {
    return new Imports(system, clerk).post(file, name, dryRun);
  }

  private static HttpResponse<byte[]> get(String path) {
    return new Imports(system, clerk).get(path);
  }
}
