package village.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 22's "Done when", black-box through the gateway: a need in village V; A paired with V offering the right
 * resource, B unpaired offering one, C offering only another category — the suggestions rank A, B, then C (or drop
 * C), each with its reasons; A claims, the statistics count one claimed; the township resolves it through A's
 * pairing and the claimed count is 0 again. Runs in a township of its own (each run a new one), so the figures it
 * reads are only its own.
 */
class NeedMatchingIT {
  private static RunningSystem system;
  private static Http http;
  private static String township;
  private static String townshipToken;
  private static String county;
  private static String village;

  @BeforeAll
  static void aTownshipOfItsOwn() {
    system = RunningSystem.get();
    http = system.http;
    township = "匹配镇" + UUID.randomUUID().toString().substring(0, 6);
    townshipToken = system.token("matching-township", "TOWNSHIP", null, township);
    county = system.token("matching-county", "COUNTY", null, null);
    village = "NM" + (100000 + (int) (Math.random() * 899999));
    created(http.post("/api/villages", townshipToken, Map.of("code", village, "name", "匹配测试村", "kind", "VILLAGE",
        "township", township, "county", "安平县"), null));
  }

  @Test
  void suggestionsRankThePairedHelperFirstAndAClaimIsCountedUntilResolved() {
    String a = organization("甲企业（已结对）");
    String b = organization("乙企业（未结对）");
    String c = organization("丙机构（只有人才）");
    resource(a, "INDUSTRY", "核桃加工技术指导");
    resource(b, "INDUSTRY", "农产品销售渠道");
    resource(c, "TALENT", "驻村人才");
    String pairing = created(http.post("/api/partnerships", townshipToken, Map.of("organizationId", a,
        "villageCode", village, "startDate", "2023-03-01", "focus", List.of("INDUSTRY")), null)).path("id").asString();
    String need = created(http.post("/api/needs", townshipToken, Map.of("villageCode", village, "category", "INDUSTRY",
        "title", "核桃深加工缺技术"), null)).path("id").asString();

    // the suggestions read a snapshot of the record that may trail it briefly: wait until all three are known
    JsonNode suggestions = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> ok(http.get("/api/needs/" + need + "/suggestions", townshipToken)),
            s -> ranked(s).containsAll(List.of(a, b)));
    List<String> order = ranked(suggestions);
    assertThat(order.indexOf(a)).as("A (paired, with the resource) before B (unpaired, with it): " + order)
        .isLessThan(order.indexOf(b));
    if (order.contains(c)) {
      assertThat(order.indexOf(b)).as("B before C (no resource of this category)").isLessThan(order.indexOf(c));
    }
    JsonNode first = suggestions.path("items").get(0);
    assertThat(first.path("organizationId").asString()).isEqualTo(a);
    assertThat(first.path("resourceTitle").asString()).isEqualTo("核桃加工技术指导");
    List<String> reasons = new ArrayList<>();
    int sum = 0;
    for (JsonNode r : first.path("reasons")) {
      reasons.add(r.path("text").asString());
      assertThat(r.path("code").asString()).isNotBlank();
      sum += r.path("weight").asInt();
    }
    assertThat(String.join(" / ", reasons)).as("reasons in words a clerk reads").contains("产业").contains("结对");
    assertThat(first.path("score").asInt()).as("the score is the sum of the reasons' weights").isEqualTo(sum);
    for (JsonNode item : suggestions.path("items")) assertThat(item.path("reasons").size()).isPositive();
    // the organization's side sees the same need
    JsonNode forA = ok(http.get("/api/organizations/" + a + "/suggestions", townshipToken));
    assertThat(forA.path("items").findValuesAsString("needId")).contains(need);

    String orgToken = system.token("org-user-a", "ORGANIZATION", a, null);
    JsonNode claimed = ok(http.post("/api/needs/" + need + "/claim", orgToken,
        Map.of("organizationId", a, "suggestionScore", first.path("score").asInt()), null));
    assertThat(claimed.path("status").asString()).isEqualTo("CLAIMED");
    assertThat(claimed.path("claim").path("organizationId").asString()).isEqualTo(a);
    awaitNeeds(1, 1, 0);

    JsonNode resolved = ok(http.post("/api/needs/" + need + "/resolve", townshipToken,
        Map.of("partnershipId", pairing, "resolvedOn", "2023-09-30"), null));
    assertThat(resolved.path("status").asString()).isEqualTo("RESOLVED");
    awaitNeeds(0, 0, 1);
    JsonNode history = ok(http.get("/api/needs/" + need + "/history", townshipToken));
    assertThat(history.toString()).contains("CLAIMED").contains("RESOLVED");
  }

  private static void awaitNeeds(int open, int claimed, int resolved) {
    String path = "/api/stats/overview?township=" + URLEncoder.encode(township, StandardCharsets.UTF_8);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
      JsonNode needs = ok(http.get(path, county)).path("needs");
      assertThat(needs.path("claimed").asInt()).as(needs.toString()).isEqualTo(claimed);
      assertThat(needs.path("open").asInt()).as(needs.toString()).isEqualTo(open);
      assertThat(needs.path("resolved").asInt()).as(needs.toString()).isEqualTo(resolved);
    });
  }

  private static List<String> ranked(JsonNode suggestions) {
    List<String> ids = new ArrayList<>();
    for (JsonNode item : suggestions.path("items")) ids.add(item.path("organizationId").asString());
    return ids;
  }

  private static String organization(String name) {
    return created(http.post("/api/organizations", townshipToken, Map.of("name", name, "type", "ENTERPRISE",
        "creditCode", CreditCodes.random()), null)).path("id").asString();
  }

  private static void resource(String org, String category, String title) {
    created(http.post("/api/organizations/" + org + "/resources", townshipToken,
        Map.of("category", category, "title", title), null));
  }

  private static JsonNode created(Http.Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.body();
  }

  private static JsonNode ok(Http.Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.body();
  }
}
