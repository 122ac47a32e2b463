package village.partnership.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import village.devstack.RealInfrastructure;
import village.events.Topics;
import village.messaging.KafkaSettings;
import village.devstack.Api;

/** Every partnership-service endpoint over HTTP against the real Kafka broker and mongo-java-server. */
@ExtendWith(RealInfrastructure.class)
@SpringBootTest(webEnvironment = RANDOM_PORT)
class PartnershipApiIT {
  static final String HOME = "城关镇";
  static final String TOWNSHIP = Api.township(HOME);
  static final String OTHER_TOWNSHIP = Api.township("西镇");
  static final String COUNTY = Api.county();

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    RealInfrastructure.properties(PartnershipApiIT.class).forEach((k, v) -> r.add(k, () -> v));
  }

  @Value("${local.server.port}")
  int port;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  // ------------------------------------------------------------------------------------------- villages

  @Test
  void theTownships28VillagesAreThereOnFirstStart() {
    Api.Response r = api.get("/api/villages?size=500&township=" + HOME, COUNTY);
    assertThat(r.status()).isEqualTo(200);
    JsonNode items = r.json().path("items");
    assertThat(r.json().path("total").asInt()).isEqualTo(28);
    List<String> kinds = new ArrayList<>();
    items.forEach(v -> kinds.add(v.path("kind").asString()));
    assertThat(kinds).filteredOn("COMMUNITY"::equals).hasSize(6);
    assertThat(items.get(0).path("code").asString()).isEqualTo("CG001");
    assertThat(items.get(0).path("name").asString()).endsWith("村");
    assertThat(items.get(0).path("county").asString()).isEqualTo("安平县");
    assertThat(api.get("/api/villages/CG028", COUNTY).json().path("name").asString()).endsWith("社区");
    assertProblem(api.get("/api/villages/NOPE", COUNTY), 404);
  }

  @Test
  void aTownshipAddsVillagesOfItsOwnTownshipOnly() {
    Map<String, Object> v = Map.of("code", "XZ001", "name", "西一村", "kind", "VILLAGE", "township", "西镇", "county", "安平县");
    assertProblem(api.post("/api/villages", TOWNSHIP, v), 403);
    assertProblem(api.post("/api/villages", COUNTY, v), 403);
    assertThat(api.post("/api/villages", OTHER_TOWNSHIP, v).status()).isEqualTo(201);
    assertProblem(api.post("/api/villages", OTHER_TOWNSHIP, v), 409);
    assertProblem(api.post("/api/villages", OTHER_TOWNSHIP, Map.of("code", "X Y", "name", "", "kind", "TOWN",
        "township", "西镇", "county", "安平县")), 400);
    assertThat(api.get("/api/villages?township=西镇", COUNTY).json().path("total").asInt()).isEqualTo(1);
  }

  // -------------------------------------------------------------------------------------- organizations

  @Test
  void registersOrganizationsWithValidCreditCodesOnce() {
    String code = creditCode();
    Api.Response r = api.post("/api/organizations", TOWNSHIP, Map.of("name", "安平县丝网有限公司", "type", "ENTERPRISE",
        "creditCode", code, "contact", Map.of("name", "王经理", "phone", "0318-7000000")));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.json().path("id").asString()).isNotBlank();
    assertThat(r.header("ETag")).isEqualTo("\"1\"");
    assertThat(api.get("/api/organizations/" + r.json().path("id").asString(), COUNTY).json().path("contact").path("name")
        .asString()).isEqualTo("王经理");
    Api.Response dup = api.post("/api/organizations", TOWNSHIP, Map.of("name", "另一家", "type", "ENTERPRISE", "creditCode", code));
    assertProblem(dup, 409);
    Api.Response bad = api.post("/api/organizations", TOWNSHIP, Map.of("name", "错码", "type", "ENTERPRISE",
        "creditCode", code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0')));
    assertProblem(bad, 400);
    assertThat(bad.json().path("errors").get(0).path("field").asString()).isEqualTo("creditCode");
    assertProblem(api.post("/api/organizations", TOWNSHIP, Map.of("name", "无类型", "type", "GUILD", "creditCode", creditCode())), 400);
    assertProblem(api.post("/api/organizations", TOWNSHIP, "{\"name\": {\"$gt\": \"\"}, \"type\": \"ENTERPRISE\"}"), 400);
    assertProblem(api.post("/api/organizations", TOWNSHIP, "{not json"), 400);
    assertProblem(api.post("/api/organizations", COUNTY, Map.of("name", "x", "type", "ENTERPRISE", "creditCode", creditCode())), 403);
    assertProblem(api.post("/api/organizations", null, Map.of("name", "x")), 401);
    assertThat(api.get("/api/organizations?type=ENTERPRISE", COUNTY).json().path("total").asInt()).isGreaterThanOrEqualTo(1);
    assertProblem(api.get("/api/organizations?type=GUILD", COUNTY), 400);
    assertProblem(api.get("/api/organizations/nope", COUNTY), 404);
  }

  @Test
  void anOrganizationOffersResourcesForItselfOnly() {
    String org = organization("SOCIAL_ORGANIZATION");
    String other = organization("ENTERPRISE");
    Map<String, Object> res = Map.of("category", "TALENT", "title", "农技专家下乡", "description", "每月两次");
    assertThat(api.post("/api/organizations/" + org + "/resources", Api.organization(org), res).status()).isEqualTo(201);
    assertThat(api.post("/api/organizations/" + org + "/resources", TOWNSHIP, res).status()).isEqualTo(201);
    assertProblem(api.post("/api/organizations/" + org + "/resources", Api.organization(other), res), 403);
    assertProblem(api.post("/api/organizations/" + org + "/resources", COUNTY, res), 403);
    assertProblem(api.post("/api/organizations/" + org + "/resources", TOWNSHIP, Map.of("category", "MAGIC", "title", "x")), 400);
    assertThat(api.get("/api/organizations/" + org + "/resources", COUNTY).json().path("total").asInt()).isEqualTo(2);
    JsonNode second = api.get("/api/organizations/" + org + "/resources?page=1&size=1", COUNTY).json();
    assertThat(second.path("items")).hasSize(1);
    assertThat(second.path("items").get(0).path("organizationId").asString()).isEqualTo(org);
    assertThat(second.path("total").asInt()).isEqualTo(2);
    assertThat(api.get("/api/organizations/" + org + "/resources?page=2&size=1", COUNTY).json().path("items")).isEmpty();
    assertProblem(api.get("/api/organizations/nope/resources", COUNTY), 404);
  }

  // --------------------------------------------------------------------------------------- partnerships

  @Test
  void onePairingPerOrganizationAndVillageWhileActiveAndEndedOnesStay() {
    String org = organization("PUBLIC_INSTITUTION");
    Api.Response created = api.post("/api/partnerships", TOWNSHIP, Map.of("organizationId", org, "villageCode", "CG003",
        "startDate", "2023-01-05", "focus", List.of("INDUSTRY", "TALENT"), "note", "结对"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode p = created.json();
    assertThat(p.path("status").asString()).isEqualTo("ACTIVE");
    assertThat(p.path("organizationType").asString()).isEqualTo("PUBLIC_INSTITUTION");
    assertThat(p.path("township").asString()).isEqualTo(HOME);
    String id = p.path("id").asString();
    assertProblem(api.post("/api/partnerships", TOWNSHIP, Map.of("organizationId", org, "villageCode", "CG003",
        "startDate", "2023-02-01")), 409);
    assertProblem(api.post("/api/partnerships", TOWNSHIP, Map.of("organizationId", "nope", "villageCode", "CG003",
        "startDate", "2023-02-01")), 422);
    assertProblem(api.post("/api/partnerships", TOWNSHIP, Map.of("organizationId", org, "villageCode", "NOPE",
        "startDate", "2023-02-01")), 422);
    assertProblem(api.post("/api/partnerships", TOWNSHIP, Map.of("organizationId", org, "villageCode", "CG004",
        "startDate", "2023-13-01")), 400);
    assertProblem(api.post("/api/partnerships", TOWNSHIP, Map.of("organizationId", org, "villageCode", "CG004",
        "startDate", "2023-02-01", "focus", List.of("WHATEVER"))), 400);

    assertProblem(api.post("/api/partnerships/" + id + "/end", TOWNSHIP, Map.of("endDate", "2022-01-01", "reason", "早于开始")), 400);
    assertProblem(api.post("/api/partnerships/" + id + "/end", TOWNSHIP, Map.of("endDate", "2023-12-31", "reason", "x"),
        "If-Match", "\"7\""), 412);
    Api.Response ended = api.post("/api/partnerships/" + id + "/end", TOWNSHIP, Map.of("endDate", "2023-12-31", "reason", "年度结束"),
        "If-Match", "\"1\"");
    assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
    assertThat(ended.json().path("status").asString()).isEqualTo("ENDED");
    assertThat(ended.json().path("version").asLong()).isEqualTo(2);
    assertProblem(api.post("/api/partnerships/" + id + "/end", TOWNSHIP, Map.of("endDate", "2023-12-31", "reason", "x")), 409);

    Api.Response again = api.post("/api/partnerships", TOWNSHIP, Map.of("organizationId", org, "villageCode", "CG003",
        "startDate", "2024-01-01"));
    assertThat(again.status()).isEqualTo(201);
    assertThat(api.get("/api/partnerships?organizationId=" + org, COUNTY).json().path("total").asInt()).isEqualTo(2);
    assertThat(api.get("/api/partnerships?organizationId=" + org + "&status=ENDED", COUNTY).json().path("total").asInt()).isEqualTo(1);

    JsonNode history = api.get("/api/partnerships/" + id + "/history", COUNTY).json().path("items");
    assertThat(history).hasSize(2);
    assertThat(history.get(0).path("action").asString()).isEqualTo("REGISTERED");
    assertThat(history.get(0).path("actor").asString()).isEqualTo("township-" + HOME);
    assertThat(history.get(1).path("action").asString()).isEqualTo("ENDED");
    assertThat(history.get(1).path("details").path("reason").asString()).isEqualTo("年度结束");
  }

  @Test
  void racingRegistrationsOfTheSamePairCreateExactlyOne() throws Exception {
    String org = organization("ENTERPRISE");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Callable<Integer> c = () -> api.post("/api/partnerships", TOWNSHIP, Map.of("organizationId", org, "villageCode", "CG010",
          "startDate", "2023-03-01")).status();
      results.add(pool.submit(c));
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : results) statuses.add(f.get());
    pool.shutdown();
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
  }

  @Test
  void whoMayPairAndEnd() {
    String org = organization("ENTERPRISE");
    String other = organization("ENTERPRISE");
    Map<String, Object> body = Map.of("organizationId", org, "villageCode", "CG011", "startDate", "2023-03-01");
    assertProblem(api.post("/api/partnerships", COUNTY, body), 403);
    assertProblem(api.post("/api/partnerships", OTHER_TOWNSHIP, body), 403);
    assertProblem(api.post("/api/partnerships", Api.organization(other), body), 403);
    Api.Response own = api.post("/api/partnerships", Api.organization(org), body);
    assertThat(own.status()).isEqualTo(201);
    String id = own.json().path("id").asString();
    assertProblem(api.post("/api/partnerships/" + id + "/end", Api.organization(other), Map.of("endDate", "2023-06-01", "reason", "x")), 403);
    assertProblem(api.post("/api/partnerships/" + id + "/end", OTHER_TOWNSHIP, Map.of("endDate", "2023-06-01", "reason", "x")), 403);
    assertThat(api.post("/api/partnerships/" + id + "/end", Api.organization(org), Map.of("endDate", "2023-06-01", "reason", "x"))
        .status()).isEqualTo(200);
    assertProblem(api.get("/api/partnerships/nope", COUNTY), 404);
  }

  @Test
  void idempotencyKeyReturnsTheFirstResult() {
    String org = organization("ENTERPRISE");
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = Map.of("organizationId", org, "villageCode", "CG012", "startDate", "2023-03-01");
    Api.Response first = api.post("/api/partnerships", TOWNSHIP, body, "Idempotency-Key", key);
    Api.Response again = api.post("/api/partnerships", TOWNSHIP, body, "Idempotency-Key", key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
    assertProblem(api.post("/api/partnerships", TOWNSHIP, Map.of("organizationId", org, "villageCode", "CG013",
        "startDate", "2023-03-01"), "Idempotency-Key", key), 422);
    assertThat(api.get("/api/partnerships?organizationId=" + org, COUNTY).json().path("total").asInt()).isEqualTo(1);

    String needKey = UUID.randomUUID().toString();
    Map<String, Object> need = Map.of("villageCode", "CG012", "category", "FUNDING", "title", "缺少启动资金");
    String a = api.post("/api/needs", TOWNSHIP, need, "Idempotency-Key", needKey).json().path("id").asString();
    String b = api.post("/api/needs", TOWNSHIP, need, "Idempotency-Key", needKey).json().path("id").asString();
    assertThat(b).isEqualTo(a);
  }

  // ---------------------------------------------------------------------------------------------- needs

  @Test
  void needsAreResolvedThroughAPartnershipWithTheSameVillage() {
    String org = organization("TOWNSHIP_AGENCY");
    String p5 = partnership(org, "CG005");
    String p6 = partnership(org, "CG006");
    Api.Response posted = api.post("/api/needs", TOWNSHIP, Map.of("villageCode", "CG005", "category", "INFRASTRUCTURE",
        "title", "{\"$where\": \"sleep(100)\"}", "description", "硬化道路"));
    assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
    assertThat(posted.json().path("status").asString()).isEqualTo("OPEN");
    String id = posted.json().path("id").asString();
    assertThat(api.get("/api/needs/" + id, COUNTY).json().path("title").asString()).isEqualTo("{\"$where\": \"sleep(100)\"}");

    assertProblem(api.post("/api/needs/" + id + "/resolve", TOWNSHIP, Map.of("partnershipId", p6, "resolvedOn", "2023-05-01")), 422);
    assertProblem(api.post("/api/needs/" + id + "/resolve", TOWNSHIP, Map.of("partnershipId", "nope", "resolvedOn", "2023-05-01")), 422);
    assertProblem(api.post("/api/needs/" + id + "/resolve", OTHER_TOWNSHIP, Map.of("partnershipId", p5, "resolvedOn", "2023-05-01")), 403);
    assertProblem(api.post("/api/needs/" + id + "/resolve", Api.organization(org), Map.of("partnershipId", p5, "resolvedOn", "2023-05-01")), 403);
    Api.Response resolved = api.post("/api/needs/" + id + "/resolve", TOWNSHIP, Map.of("partnershipId", p5, "resolvedOn", "2023-05-01"));
    assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
    assertThat(resolved.json().path("status").asString()).isEqualTo("RESOLVED");
    assertProblem(api.post("/api/needs/" + id + "/resolve", TOWNSHIP, Map.of("partnershipId", p5, "resolvedOn", "2023-05-02")), 409);
    assertThat(api.get("/api/needs?villageCode=CG005&status=RESOLVED", COUNTY).json().path("total").asInt()).isEqualTo(1);
    JsonNode history = api.get("/api/needs/" + id + "/history", COUNTY).json().path("items");
    assertThat(history).extracting(h -> h.path("action").asString()).containsExactly("POSTED", "RESOLVED");

    assertProblem(api.post("/api/needs", TOWNSHIP, Map.of("villageCode", "NOPE", "category", "OTHER", "title", "x")), 422);
    assertProblem(api.post("/api/needs", OTHER_TOWNSHIP, Map.of("villageCode", "CG005", "category", "OTHER", "title", "x")), 403);
    assertProblem(api.post("/api/needs", TOWNSHIP, Map.of("villageCode", "CG005", "category", "OTHER", "title", "x".repeat(201))), 400);
    assertProblem(api.get("/api/needs?status=DONE", COUNTY), 400);
    assertProblem(api.get("/api/needs?size=501", COUNTY), 400);
  }

  // --------------------------------------------------------------------------------------------- events

  @Test
  void everyChangeIsPublishedOnThePartnershipsTopic() {
    String org = organization("ENTERPRISE");
    String p = partnership(org, "CG020");
    String need = api.post("/api/needs", TOWNSHIP, Map.of("villageCode", "CG020", "category", "MARKETING", "title", "农产品销路"))
        .json().path("id").asString();
    api.post("/api/needs/" + need + "/resolve", TOWNSHIP, Map.of("partnershipId", p, "resolvedOn", "2023-07-01"));
    api.post("/api/partnerships/" + p + "/end", TOWNSHIP, Map.of("endDate", "2023-12-31", "reason", "完成"));

    String topic = Topics.named(RealInfrastructure.properties(PartnershipApiIT.class).get("village.kafka.topic-prefix"), Topics.PARTNERSHIPS);
    Properties props = KafkaSettings.consumer(RealInfrastructure.kafkaBootstrapServers(), "test-" + UUID.randomUUID(), "test");
    Map<String, List<JsonNode>> byKey = new LinkedHashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(200))) {
          byKey.computeIfAbsent(rec.key(), k -> new ArrayList<>()).add(Api.JSON.readTree(rec.value()));
        }
        return byKey.getOrDefault(p, List.of()).size() >= 2 && byKey.getOrDefault(need, List.of()).size() >= 2
            && byKey.containsKey(org) && byKey.containsKey("CG028");
      });
    }
    assertThat(byKey.get(p)).extracting(e -> e.path("type").asString()).containsExactly("PartnershipRegistered", "PartnershipEnded");
    assertThat(byKey.get(p)).extracting(e -> e.path("sequence").asLong()).containsExactly(1L, 2L);
    assertThat(byKey.get(p).get(0).path("data").path("organizationType").asString()).isEqualTo("ENTERPRISE");
    assertThat(byKey.get(p).get(0).path("data").path("township").asString()).isEqualTo(HOME);
    assertThat(byKey.get(need)).extracting(e -> e.path("type").asString()).containsExactly("NeedPosted", "NeedResolved");
    assertThat(byKey.get(need).get(1).path("data").path("partnershipId").asString()).isEqualTo(p);
    assertThat(byKey.get(org).get(0).path("type").asString()).isEqualTo("OrganizationRegistered");
    long villages = byKey.values().stream().flatMap(List::stream).filter(e -> e.path("type").asString().equals("VillageRegistered"))
        .filter(e -> e.path("data").path("township").asString().equals(HOME)).count();
    assertThat(villages).isEqualTo(28);
    assertThat(byKey.get("CG001").get(0).path("eventId").asString()).isNotBlank();
  }

  @Test
  void theOpenApiDocumentListsTheEndpoints() {
    Api.Response r = api.get("/v3/api-docs", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("paths").has("/api/partnerships/{id}/end")).isTrue();
    assertThat(r.json().path("paths").has("/api/needs/{id}/resolve")).isTrue();
  }

  // ------------------------------------------------------------------------------------ strict request types

  static java.util.stream.Stream<Arguments> badVillageFields() {
    return java.util.stream.Stream.of(
        Arguments.of("code", true, "code"), Arguments.of("code", 5, "code"), Arguments.of("code", "", "code"),
        Arguments.of("name", 5, "name"), Arguments.of("name", false, "name"), Arguments.of("name", "村\u0000", "name"),
        Arguments.of("name", "两\n行", "name"), Arguments.of("name", "\u0007", "name"), Arguments.of("kind", 1, "kind"),
        Arguments.of("township", List.of(HOME), "township"), Arguments.of("county", Map.of("a", 1), "county"));
  }

  @ParameterizedTest
  @MethodSource("badVillageFields")
  void aVillageWithABadFieldIs400NamingItAndNothingIsStored(String key, Object value, String field) {
    String code = "BAD" + Math.abs((key + value).hashCode() % 100000);
    Map<String, Object> v = new LinkedHashMap<>(Map.of("code", code, "name", "坏村", "kind", "VILLAGE", "township", HOME, "county", "安平县"));
    v.put(key, value);
    Api.Response r = api.post("/api/villages", TOWNSHIP, v);
    assertProblem(r, 400);
    assertThat(r.json().path("errors").get(0).path("field").asString()).as(r.toString()).isEqualTo(field);
    assertProblem(api.get("/api/villages/" + code, COUNTY), 404);
    assertProblem(api.get("/api/villages/true", COUNTY), 404);
  }

  @ParameterizedTest
  @MethodSource("badDates")
  void aPartnershipWithABadStartDateIs400AndNothingIsStored(Object startDate) {
    String org = organization("ENTERPRISE");
    Map<String, Object> body = new LinkedHashMap<>(Map.of("organizationId", org, "villageCode", "CG020"));
    body.put("startDate", startDate);
    Api.Response r = api.post("/api/partnerships", TOWNSHIP, body);
    assertProblem(r, 400);
    assertThat(r.json().path("errors").get(0).path("field").asString()).as(r.toString()).isEqualTo("startDate");
    assertThat(api.get("/api/partnerships?organizationId=" + org, COUNTY).json().path("total").asInt()).isZero();
  }

  static java.util.stream.Stream<Object> badDates() {
    return java.util.stream.Stream.of(20240101, -1, true, "2024-01-01T00:00:00Z", "2024-01-01\u0000", "+999999999-12-31",
        "1949-09-30", "2101-01-01", "2023-02-29", "2023-2-1", " 2023-02-01");
  }

  @Test
  void datesFollowEachOther() {
    String org = organization("ENTERPRISE");
    Api.Response started = api.post("/api/partnerships", TOWNSHIP, Map.of("organizationId", org, "villageCode", "CG021",
        "startDate", "2023-06-01"));
    assertThat(started.status()).as(started.toString()).isEqualTo(201);
    String id = started.json().path("id").asString();
    Api.Response end = api.post("/api/partnerships/" + id + "/end", TOWNSHIP, Map.of("endDate", "2023-05-31", "reason", "早"));
    assertProblem(end, 400);
    assertThat(end.json().path("errors").get(0).path("field").asString()).isEqualTo("endDate");

    Api.Response need = api.post("/api/needs", TOWNSHIP, Map.of("villageCode", "CG021", "category", "OTHER", "title", "水渠"));
    String needId = need.json().path("id").asString();
    Api.Response early = api.post("/api/needs/" + needId + "/resolve", TOWNSHIP, Map.of("partnershipId", id, "resolvedOn", "2023-05-31"));
    assertProblem(early, 400);
    assertThat(early.json().path("errors").get(0).path("field").asString()).isEqualTo("resolvedOn");
    assertProblem(api.post("/api/needs/" + needId + "/resolve", TOWNSHIP, Map.of("partnershipId", "", "resolvedOn", "2023-07-01")), 400);
    assertThat(api.get("/api/needs/" + needId, COUNTY).json().path("status").asString()).isEqualTo("OPEN");
    assertThat(api.post("/api/needs/" + needId + "/resolve", TOWNSHIP, Map.of("partnershipId", id, "resolvedOn", "2023-06-01"))
        .status()).isEqualTo(200);
  }

  // -------------------------------------------------------------------------------------------- helpers

  String organization(String type) {
    Api.Response r = api.post("/api/organizations", TOWNSHIP, Map.of("name", "组织" + UUID.randomUUID().toString().substring(0, 6),
        "type", type, "creditCode", creditCode()));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  String partnership(String org, String village) {
    Api.Response r = api.post("/api/partnerships", TOWNSHIP, Map.of("organizationId", org, "villageCode", village,
        "startDate", "2023-01-01"));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  static void assertProblem(Api.Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().path("status").asInt()).isEqualTo(status);
  }

  static String creditCode() {
    String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    int[] w = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    String body = "91131125" + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
    int sum = 0;
    for (int i = 0; i < 17; i++) sum += alphabet.indexOf(body.charAt(i)) * w[i];
    return body + alphabet.charAt((31 - sum % 31) % 31);
  }
}
