package village.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The township's 2023 loaded through the gateway exactly as {@code ./village demo} does it, then the county overview
 * compared with the report's own figures — every one must match. Loading a second time creates nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TownshipDemoIT {
  private static final String OVERVIEW = "/api/stats/overview?township=%E5%9F%8E%E5%85%B3%E9%95%87"; // 城关镇
  private static RunningSystem system;
  private static DemoLoader loader;

  @BeforeAll
  static void loadTheTownship() {
    system = RunningSystem.get();
    loader = system.demoLoader();
    loader.load();
  }

  @Test
  @Order(1)
  void theCountyOverviewFor2023ShowsEveryFigureOfTheReport() {
    List<ReportFigures.Row> rows = loader.compareWithReport(Duration.ofMinutes(3));
    System.out.println(ReportFigures.table(rows));
    assertThat(rows).hasSizeGreaterThanOrEqualTo(7);
    assertThat(rows).allSatisfy(row -> assertThat(row.matches()).as(row.figure() + ": report " + row.report()
        + ", system " + row.system()).isTrue());
  }

  @Test
  @Order(2)
  void loadingTheDatasetAgainCreatesNothing() {
    JsonNode dataset = DemoLoader.dataset();
    String county = system.token("acceptance-county", "COUNTY", null, null);
    JsonNode before = settledOverview(county);
    long needs = total("/api/needs?villageCode=CG001&size=1", county);
    long partnerships = total("/api/partnerships?villageCode=CG001&size=1", county);
    long funds = total("/api/funds?source=SOCIAL_CAPITAL&size=1", county);

    system.demoLoader().load();

    assertThat(total("/api/needs?villageCode=CG001&size=1", county)).isEqualTo(needs);
    assertThat(total("/api/partnerships?villageCode=CG001&size=1", county)).isEqualTo(partnerships);
    assertThat(total("/api/funds?source=SOCIAL_CAPITAL&size=1", county)).isEqualTo(funds);
    JsonNode after = settledOverview(county);
    assertThat(after).isEqualTo(before);
    assertThat(after.path("needs").path("resolved").asLong() + after.path("needs").path("open").asLong())
        .isEqualTo(dataset.path("needs").size());
  }

  @Test
  @Order(3)
  void theDraftedReportStatesTheReportsFiguresEachFootnotedToAQueryThatReturnsIt() {
    assertThat(loader.awaitPreviousYear(Duration.ofMinutes(2))).as("2022's income in the statistics").isTrue();
    Http.Response r = loader.draftedReport("md");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    String md = r.text();
    System.out.println(md);
    String prose = md.replaceAll("\\[\\^\\d+]", "");
    assertThat(prose).contains("与全镇28个村、社区全覆盖手拉手结对共建")
        .contains("带动社会资本投资5000万元")
        .contains("帮助解决问题400余个")
        .contains("已培育形成5万亩特色红薯、7万亩优质鲜果、4万亩绿色蔬菜、2万亩优质核桃、2000万棒绿色食用菌等产业基地")
        .contains("全镇村级集体经济收入1000余万元，收入超20万元和50万元的村分别为10个和18个，" + ReportFigures.COMPARISON);
    // every footnote: the exact value, and its query followed through the gateway returns it at the field it names
    java.util.regex.Matcher note = java.util.regex.Pattern.compile(
        "\n\\[\\^(\\d+)]: [^：]+：([0-9.]+)\\D[^\n]*?]\\((/api/stats/overview[^)]+)\\) → `([^`]+)`").matcher(md);
    int notes = 0;
    while (note.find()) {
      notes++;
      JsonNode at = system.http.get(note.group(3), loader.townshipToken()).body();
      for (String step : note.group(4).split("\\.")) {
        int bracket = step.indexOf('[');
        at = at.path(bracket < 0 ? step : step.substring(0, bracket));
        if (bracket >= 0) {
          JsonNode found = null;
          for (JsonNode item : at) {
            boolean all = true;
            for (String pair : step.substring(bracket + 1, step.length() - 1).split(",")) {
              String[] kv = pair.split("=");
              all &= kv[1].equals(item.path(kv[0]).asString());
            }
            if (all) found = item;
          }
          at = found == null ? at.path("missing") : found;
        }
      }
      assertThat(ReportFigures.decimal(at.asString())).as("footnote " + note.group(1) + " " + note.group(3) + " " + note.group(4))
          .isEqualByComparingTo(ReportFigures.decimal(note.group(2)));
    }
    assertThat(notes).isGreaterThanOrEqualTo(15);
  }

  /** The township's all-time overview once the read model has caught up (lag 0 twice, same figures). */
  private JsonNode settledOverview(String token) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
      Http.Response r = system.http.get(OVERVIEW, token);
      if (!r.ok() || r.body().path("lag").asLong(-1) != 0) return false;
      JsonNode figures = withoutClock(r.body());
      boolean stable = figures.equals(last[0]);
      last[0] = figures;
      return stable;
    });
    return last[0];
  }

  private static JsonNode withoutClock(JsonNode overview) {
    ObjectNode copy = (ObjectNode) overview.deepCopy();
    copy.remove("asOf");
    copy.remove("lag");
    copy.remove("behind"); // freshness, not figures: present only while asOf trails the clock
    return copy;
  }

  private long total(String path, String token) {
    Http.Response r = system.http.get(path, token);
    assertThat(r.status()).as(path + " → " + r).isEqualTo(200);
    return r.body().path("total").asLong();
  }

  @Test
  @Order(10)
  void theDemoAccountsSignInAndSeeTheirOwnTownship() {
    List<DemoLoader.DemoAccount> accounts = loader.demoAccounts();
    assertThat(accounts).extracting(DemoLoader.DemoAccount::role).containsExactly("TOWNSHIP", "ORGANIZATION");
    // created again: a fresh one-time password for the same account, nothing doubled
    List<DemoLoader.DemoAccount> again = loader.demoAccounts();
    assertThat(again).extracting(DemoLoader.DemoAccount::username).isEqualTo(accounts.stream().map(DemoLoader.DemoAccount::username).toList());
    DemoLoader.DemoAccount township = again.get(0);
    String gateway = "http://localhost:" + system.port("GATEWAY_PORT");
    Browser clerk = Browser.signedIn(gateway, township.username(), township.password(), "Pw-" + java.util.UUID.randomUUID() + "-Qq1");
    var overview = clerk.send("GET", gateway + OVERVIEW, null);
    assertThat(overview.statusCode()).as(overview.body()).isEqualTo(200);
    DemoLoader.DemoAccount organization = again.get(1);
    Browser org = Browser.signedIn(gateway, organization.username(), organization.password(), "Pw-" + java.util.UUID.randomUUID() + "-Ww2");
    assertThat(org.send("GET", gateway + "/api/villages?size=1", null).statusCode()).isEqualTo(200);
    assertThat(org.send("GET", gateway + OVERVIEW, null).statusCode()).as("ORGANIZATION has no statistics").isEqualTo(403);
  }
}
