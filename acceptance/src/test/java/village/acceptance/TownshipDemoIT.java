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
}
