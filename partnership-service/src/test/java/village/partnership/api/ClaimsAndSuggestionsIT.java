package village.partnership.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;
import static village.partnership.api.PartnershipApiIT.assertProblem;
import static village.partnership.api.PartnershipApiIT.creditCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import village.devstack.Api;
import village.devstack.RealInfrastructure;
import village.events.Topics;
import village.messaging.KafkaSettings;

/** Claiming needs (认领), releasing, resolving after a claim, suggestions and the township's weights, over HTTP. */
@ExtendWith(RealInfrastructure.class)
@SpringBootTest(webEnvironment = RANDOM_PORT)
class ClaimsAndSuggestionsIT {
  static final String HOME = "城关镇";
  static final String TOWNSHIP = Api.township(HOME);
  static final String OTHER_TOWNSHIP = Api.township("西镇");
  static final String COUNTY = Api.county();

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    RealInfrastructure.properties(ClaimsAndSuggestionsIT.class).forEach((k, v) -> r.add(k, () -> v));
  }

  @Value("${local.server.port}")
  int port;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  @Test
  void claimReleaseClaimAgainAndResolveThroughThePairing() {
    String a = organization("ENTERPRISE", "INDUSTRY");
    String b = organization("SOCIAL_ORGANIZATION", "INDUSTRY");
    String pa = partnership(a, "CG003");
    String need = need("CG003", "INDUSTRY", "红薯粉条加工");

    assertProblem(api.post("/api/needs/" + need + "/claim", Api.organization(b), Map.of("organizationId", a)), 403);
    assertProblem(api.post("/api/needs/" + need + "/claim", OTHER_TOWNSHIP, Map.of("organizationId", a)), 403);
    assertProblem(api.post("/api/needs/" + need + "/claim", COUNTY, Map.of("organizationId", a)), 403);
    assertProblem(api.post("/api/needs/" + need + "/claim", TOWNSHIP, Map.of("organizationId", "nope")), 422);
    assertProblem(api.post("/api/needs/" + need + "/claim", TOWNSHIP, Map.of("organizationId", "")), 400);
    assertProblem(api.post("/api/needs/" + need + "/claim", TOWNSHIP, Map.of("organizationId", a), "If-Match", "\"7\""), 412);
    assertProblem(api.post("/api/needs/" + need + "/release", TOWNSHIP, Map.of()), 409);

    String key = UUID.randomUUID().toString();
    Api.Response claimed = api.post("/api/needs/" + need + "/claim", Api.organization(a), Map.of("organizationId", a,
        "suggestionScore", 70), "Idempotency-Key", key, "If-Match", "\"1\"");
    assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
    assertThat(claimed.json().path("status").asString()).isEqualTo("CLAIMED");
    assertThat(claimed.json().path("claim").path("organizationId").asString()).isEqualTo(a);
    assertThat(claimed.json().path("claim").path("suggestionScore").asInt()).isEqualTo(70); // 产业 40 + 结对 30
    assertThat(claimed.json().path("claim").path("weightsVersion").asInt()).isEqualTo(0);
    assertThat(claimed.header("ETag")).isEqualTo("\"2\"");
    Api.Response retried = api.post("/api/needs/" + need + "/claim", Api.organization(a), Map.of("organizationId", a,
        "suggestionScore", 70), "Idempotency-Key", key, "If-Match", "\"1\"");
    assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
    assertThat(retried.json().path("version").asLong()).isEqualTo(2);
    assertProblem(api.post("/api/needs/" + need + "/claim", Api.organization(a), Map.of("organizationId", b), "Idempotency-Key", key), 403);
    assertProblem(api.post("/api/needs/" + need + "/claim", Api.organization(b), Map.of("organizationId", b)), 409);
    assertThat(api.get("/api/needs?villageCode=CG003&status=CLAIMED", COUNTY).json().path("total").asInt()).isEqualTo(1);

    assertProblem(api.post("/api/needs/" + need + "/release", Api.organization(b), Map.of("reason", "x")), 403);
    Api.Response released = api.post("/api/needs/" + need + "/release", Api.organization(a), Map.of("reason", "人手不足"));
    assertThat(released.status()).as(released.toString()).isEqualTo(200);
    assertThat(released.json().path("status").asString()).isEqualTo("OPEN");
    assertThat(released.json().path("releasedBy").get(0).asString()).isEqualTo(a);

    assertThat(api.post("/api/needs/" + need + "/claim", TOWNSHIP, Map.of("organizationId", b)).json().path("status").asString())
        .isEqualTo("CLAIMED");
    Api.Response resolved = api.post("/api/needs/" + need + "/resolve", TOWNSHIP, Map.of("partnershipId", pa, "resolvedOn", "2023-08-01"));
    assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
    assertThat(resolved.json().path("status").asString()).isEqualTo("RESOLVED");
    assertProblem(api.post("/api/needs/" + need + "/claim", TOWNSHIP, Map.of("organizationId", a)), 409);
    assertProblem(api.post("/api/needs/" + need + "/release", TOWNSHIP, Map.of()), 409);

    JsonNode history = api.get("/api/needs/" + need + "/history", COUNTY).json().path("items");
    assertThat(history).extracting(h -> h.path("action").asString())
        .containsExactly("POSTED", "CLAIMED", "RELEASED", "CLAIMED", "RESOLVED");
    assertThat(history.get(1).path("details").path("suggestionScore").asInt()).isEqualTo(70);
    assertThat(history.get(1).path("details").path("shownScore").asInt()).isEqualTo(70);
    assertThat(history.get(2).path("details").path("reason").asString()).isEqualTo("人手不足");
    assertThat(history.get(4).path("details").path("claimedBy").asString()).isEqualTo(b);

    String topic = Topics.named(RealInfrastructure.properties(ClaimsAndSuggestionsIT.class).get("village.kafka.topic-prefix"), Topics.PARTNERSHIPS);
    Properties props = KafkaSettings.consumer(RealInfrastructure.kafkaBootstrapServers(), "test-" + UUID.randomUUID(), "test");
    List<JsonNode> events = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(200))) {
          if (rec.key().equals(need)) events.add(Api.JSON.readTree(rec.value()));
        }
        return events.size() >= 5;
      });
    }
    assertThat(events).extracting(e -> e.path("type").asString())
        .containsExactly("NeedPosted", "NeedClaimed", "NeedReleased", "NeedClaimed", "NeedResolved");
    assertThat(events).extracting(e -> e.path("sequence").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(events.get(1).path("data").path("organizationId").asString()).isEqualTo(a);
    assertThat(events.get(1).path("data").path("suggestionScore").asInt()).isEqualTo(70);
    assertThat(events.get(3).path("data").path("organizationId").asString()).isEqualTo(b);
  }

  @Test
  void suggestionsRankThePairedOrganizationWithTheResourceFirstAndLeaveOutOneThatDoesNotFit() {
    String a = organization("ENTERPRISE", "INDUSTRY");
    String b = organization("ENTERPRISE", "INDUSTRY");
    String c = organization("PUBLIC_INSTITUTION", "TALENT");
    partnership(a, "CG007");
    String need = need("CG007", "INDUSTRY", "食用菌大棚");

    Api.Response r = api.get("/api/needs/" + need + "/suggestions", TOWNSHIP);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<String> ranked = new ArrayList<>();
    r.json().path("items").forEach(i -> ranked.add(i.path("organizationId").asString()));
    assertThat(ranked).containsSubsequence(a, b).doesNotContain(c);
    assertThat(ranked.get(0)).isEqualTo(a);
    JsonNode first = r.json().path("items").get(0);
    assertThat(first.path("score").asInt()).isEqualTo(70);
    assertThat(first.path("resourceId").asString()).isNotBlank();
    assertThat(first.path("reasons")).extracting(x -> x.path("text").asString() + "=" + x.path("weight").asInt())
        .containsExactly("需求与资源同属\"产业\"（资源：资源INDUSTRY）=40", "已与本村结对（自2023-01-01起）=30");
    assertThat(r.json().path("tieBreak").asString()).isEqualTo("score desc, then organizationId asc");
    assertThat(api.get("/api/needs/" + need + "/suggestions", TOWNSHIP).text()).isEqualTo(r.text());
    assertProblem(api.get("/api/needs/" + need + "/suggestions", Api.organization(a)), 403);
    assertProblem(api.get("/api/needs/nope/suggestions", COUNTY), 404);
    assertProblem(api.get("/api/needs/" + need + "/suggestions?size=0", COUNTY), 400);

    Api.Response forB = api.get("/api/organizations/" + b + "/suggestions?size=200", Api.organization(b));
    assertThat(forB.status()).as(forB.toString()).isEqualTo(200);
    List<String> needs = new ArrayList<>();
    forB.json().path("items").forEach(i -> needs.add(i.path("needId").asString()));
    assertThat(needs).contains(need);
    assertProblem(api.get("/api/organizations/" + b + "/suggestions", Api.organization(a)), 403);
    assertProblem(api.get("/api/organizations/nope/suggestions", COUNTY), 404);

    // A claims it: A is excluded from its own claim's suggestions no more (the need is CLAIMED: none are suggested)
    api.post("/api/needs/" + need + "/claim", Api.organization(a), Map.of("organizationId", a));
    Api.Response after = api.get("/api/needs/" + need + "/suggestions", COUNTY);
    assertThat(after.json().path("needStatus").asString()).isEqualTo("CLAIMED");
    assertThat(after.json().path("items")).isEmpty();
    // released by A: A is shown apart, with why not
    api.post("/api/needs/" + need + "/release", Api.organization(a), Map.of());
    JsonNode again = api.get("/api/needs/" + need + "/suggestions", COUNTY).json();
    assertThat(again.path("items")).extracting(i -> i.path("organizationId").asString()).doesNotContain(a).contains(b);
    assertThat(again.path("excluded")).singleElement().satisfies(x -> {
      assertThat(x.path("organizationId").asString()).isEqualTo(a);
      assertThat(x.path("whyNot").get(0).asString()).isEqualTo("曾认领此需求后放弃");
    });
  }

  @Test
  void anOrganizationHoldsAtMostTheLimitOfOpenClaimsAndWeightsAreTheTownships() {
    // a township of its own, so that its weights change no other test's scores
    String north = "北镇";
    String NORTH = Api.township(north);
    for (String code : List.of("BZ001", "BZ002", "BZ003")) {
      assertThat(api.post("/api/villages", NORTH, Map.of("code", code, "name", code + "村", "kind", "VILLAGE", "township", north,
          "county", "安平县")).status()).isEqualTo(201);
    }
    Api.Response defaults = api.get("/api/needs/matching-weights/" + north, COUNTY);
    assertThat(defaults.json().path("version").asInt()).isEqualTo(0);
    assertThat(defaults.json().path("defaults").asBoolean()).isTrue();
    assertThat(defaults.json().path("weights").path("claimLimit").asInt()).isEqualTo(5);
    assertProblem(api.put("/api/needs/matching-weights/" + north, TOWNSHIP, Map.of("claimLimit", 2)), 403);
    assertProblem(api.put("/api/needs/matching-weights/" + north, COUNTY, Map.of("claimLimit", 2)), 403);
    assertProblem(api.put("/api/needs/matching-weights/" + north, NORTH, Map.of("claimLimit", 0)), 400);
    assertProblem(api.put("/api/needs/matching-weights/" + north, NORTH, Map.of("claimLimit", "2")), 400);
    assertProblem(api.put("/api/needs/matching-weights/" + north, NORTH, Map.of("claimLimit", 2), "If-Match", "\"3\""), 412);
    Api.Response set = api.put("/api/needs/matching-weights/" + north, NORTH, Map.of("claimLimit", 2, "categoryMatch", 50),
        "If-Match", "\"0\"");
    assertThat(set.status()).as(set.toString()).isEqualTo(200);
    assertThat(set.json().path("version").asInt()).isEqualTo(1);
    assertThat(set.json().path("weights").path("categoryMatch").asInt()).isEqualTo(50);
    assertThat(set.json().path("weights").path("pairedWithVillage").asInt()).isEqualTo(30);
    assertThat(api.get("/api/needs/matching-weights/" + north + "/history", COUNTY).json().path("total").asInt()).isEqualTo(1);
    assertProblem(api.put("/api/needs/matching-weights/" + north, NORTH, Map.of("claimLimit", 3), "If-Match", "\"0\""), 412);
    Api.Response again = api.put("/api/needs/matching-weights/" + north, NORTH, Map.of("claimLimit", 3, "categoryMatch", 45));
    assertThat(again.json().path("version").asInt()).as("without If-Match: the next version").isEqualTo(2);
    assertThat(again.header("ETag")).isEqualTo("\"2\"");
    JsonNode versions = api.get("/api/needs/matching-weights/" + north + "/history", COUNTY).json();
    assertThat(versions.path("items")).extracting(h -> h.path("version").asInt() + " " + h.path("action").asString() + " "
        + h.path("details").path("claimLimit").asInt()).containsExactly("1 WEIGHTS_SET 2", "2 WEIGHTS_SET 3");
    assertThat(api.put("/api/needs/matching-weights/" + north, NORTH, Map.of("claimLimit", 2, "categoryMatch", 50), "If-Match",
        "\"2\"").json().path("version").asInt()).isEqualTo(3); // back to what the claims below count on

    String org = organization("ENTERPRISE", "FUNDING");
    String n1 = need(NORTH, "BZ001", "FUNDING", "启动资金一");
    String n2 = need(NORTH, "BZ002", "FUNDING", "启动资金二");
    String n3 = need(NORTH, "BZ003", "FUNDING", "启动资金三");
    Api.Response c1 = api.post("/api/needs/" + n1 + "/claim", NORTH, Map.of("organizationId", org));
    assertThat(c1.json().path("claim").path("weightsVersion").asInt()).isEqualTo(3);
    assertThat(c1.json().path("claim").path("suggestionScore").asInt()).isEqualTo(50 + 15); // 资金 50, the village has no pairing
    assertThat(api.post("/api/needs/" + n2 + "/claim", NORTH, Map.of("organizationId", org)).status()).isEqualTo(200);
    Api.Response third = api.post("/api/needs/" + n3 + "/claim", NORTH, Map.of("organizationId", org));
    assertProblem(third, 409);
    assertThat(third.json().path("type").asString()).endsWith("claim-limit");
    JsonNode s3 = api.get("/api/needs/" + n3 + "/suggestions", NORTH).json();
    assertThat(s3.path("weightsVersion").asInt()).isEqualTo(3);
    assertThat(s3.path("excluded")).anySatisfy(x -> {
      assertThat(x.path("organizationId").asString()).isEqualTo(org);
      assertThat(x.path("whyNot").get(0).asString()).isEqualTo("已认领2项需求尚未完成，达到上限（2项）");
    });
    api.post("/api/needs/" + n1 + "/release", NORTH, Map.of("reason", "改由他人"));
    assertThat(api.post("/api/needs/" + n3 + "/claim", NORTH, Map.of("organizationId", org)).status()).isEqualTo(200);
  }

  String organization(String type, String resourceCategory) {
    Api.Response r = api.post("/api/organizations", TOWNSHIP, Map.of("name", "单位" + UUID.randomUUID().toString().substring(0, 6),
        "type", type, "creditCode", creditCode()));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    String id = r.json().path("id").asString();
    Api.Response res = api.post("/api/organizations/" + id + "/resources", TOWNSHIP, Map.of("category", resourceCategory,
        "title", "资源" + resourceCategory));
    assertThat(res.status()).as(res.toString()).isEqualTo(201);
    return id;
  }

  String partnership(String org, String village) {
    Api.Response r = api.post("/api/partnerships", TOWNSHIP, Map.of("organizationId", org, "villageCode", village,
        "startDate", "2023-01-01"));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  String need(String village, String category, String title) {
    return need(TOWNSHIP, village, category, title);
  }

  String need(String township, String village, String category, String title) {
    Api.Response r = api.post("/api/needs", township, Map.of("villageCode", village, "category", category, "title", title));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asString();
  }
}
