package village.funds.fund;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import village.devstack.RealInfrastructure;
import village.events.Topics;
import village.devstack.Api;
import village.devstack.StubServices;
import village.messaging.KafkaSettings;

/** Every funds-service endpoint over HTTP, against real Kafka and mongo-java-server and stub reference services. */
@ExtendWith(RealInfrastructure.class)
@SpringBootTest(webEnvironment = RANDOM_PORT)
class FundsApiIT {
  static final String HOME = "城关镇";
  static final StubServices STUB = StubServices.start()
      .village("CG001", HOME).village("CG002", HOME).village("XZ001", "西镇")
      .organization("org-1").organization("org-2")
      .project("proj-1", HOME, "CG002", "CG001");
  static final String TOWNSHIP = Api.township(HOME);
  static final String OTHER_TOWNSHIP = Api.township("西镇");
  static final String COUNTY = Api.county();
  static final String INVESTOR = Api.organization("org-1");
  static final String NOT_INVESTOR = Api.organization("org-2");

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    RealInfrastructure.properties(FundsApiIT.class).forEach((k, v) -> r.add(k, () -> v));
    r.add("village.funds.partnership-service-url", STUB::url);
    r.add("village.funds.project-service-url", STUB::url);
    r.add("village.references.open-for", () -> "1s");
  }

  @AfterAll
  static void stopStub() {
    STUB.close();
  }

  @Value("${local.server.port}")
  int port;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
    STUB.answer();
  }

  static Map<String, Object> fund(String source, String amount) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", source);
    m.put("investorOrganizationId", "org-1");
    m.put("villageCode", "CG001");
    m.put("committedAmount", amount);
    m.put("committedOn", "2023-03-01");
    return m;
  }

  String commit(Map<String, Object> body) {
    Api.Response r = api.post("/api/funds", TOWNSHIP, body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  Api.Response disburse(String fund, String amount, String token, String... headers) {
    return api.post("/api/funds/" + fund + "/disbursements", token, Map.of("amount", amount, "disbursedOn", "2023-05-01"), headers);
  }

  @Test
  void commitsAndReadsBackExactAmounts() {
    Api.Response r = api.post("/api/funds", TOWNSHIP, fund("SOCIAL_CAPITAL", "5000000.1"));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    JsonNode f = r.json();
    assertThat(f.path("committedAmount").asString()).isEqualTo("5000000.10");
    assertThat(f.path("disbursedAmount").asString()).isEqualTo("0.00");
    assertThat(f.path("township").asString()).isEqualTo(HOME);
    assertThat(r.header("ETag")).isEqualTo("\"1\"");
    String id = f.path("id").asString();
    assertThat(api.get("/api/funds/" + id, COUNTY).json().path("committedAmount").asString()).isEqualTo("5000000.10");
    assertThat(api.get("/api/funds?source=SOCIAL_CAPITAL&villageCode=CG001", COUNTY).json().path("total").asInt()).isGreaterThanOrEqualTo(1);
    assertProblem(api.get("/api/funds/nope", COUNTY), 404);
    assertProblem(api.get("/api/funds?source=GOLD", COUNTY), 400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.00", "-1.00", "1.234", "abc", "1e3", "1000000000000.01", ""})
  void refusesBadAmountsWith400AndStoresNothing(String amount) {
    long before = api.get("/api/funds?villageCode=CG002", COUNTY).json().path("total").asLong();
    Map<String, Object> body = fund("FISCAL", amount);
    body.put("villageCode", "CG002");
    Api.Response r = api.post("/api/funds", TOWNSHIP, body);
    assertProblem(r, 400);
    assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo("committedAmount");
    assertThat(api.get("/api/funds?villageCode=CG002", COUNTY).json().path("total").asLong()).isEqualTo(before);
  }

  /** Each row: one field of an otherwise good commitment given a raw JSON value it must refuse. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "committedAmount|100.5", "committedAmount|100", "committedAmount|\" 100.00 \"", "committedAmount|\"100.00 \"",
      "committedAmount|\"10000000000.01\"", "committedAmount|\"1000000000000.00\"", "committedAmount|true",
      "committedOn|20240101", "committedOn|-1", "committedOn|\"2024-01-01T00:00:00Z\"", "committedOn|\"2024-01-01\\u0000\"",
      "committedOn|\"+999999999-12-31\"", "committedOn|\"1949-09-30\"", "committedOn|\"2101-01-01\"", "committedOn|\"2023-02-29\"",
      "source|1", "source|true", "villageCode|true", "villageCode|5", "villageCode|\"CG\\u0000002\"",
      "projectId|\"\"", "projectId|\"   \"", "investorOrganizationId|\"\"", "investorOrganizationId|7"})
  void aBadFieldIs400NamingItAndStoresNothing(String field, String rawValue) {
    long before = api.get("/api/funds?villageCode=CG002", COUNTY).json().path("total").asLong();
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("source", "\"FISCAL\"");
    raw.put("villageCode", "\"CG002\"");
    raw.put("committedAmount", "\"10.00\"");
    raw.put("committedOn", "\"2023-03-01\"");
    raw.put(field, rawValue);
    StringBuilder json = new StringBuilder("{");
    raw.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
    Api.Response r = api.post("/api/funds", TOWNSHIP, json.append('}').toString());
    assertProblem(r, 400);
    assertThat(r.json().path("errors").get(0).path("field").asString()).as(r.toString()).isEqualTo(field);
    assertThat(api.get("/api/funds?villageCode=CG002", COUNTY).json().path("total").asLong()).isEqualTo(before);
  }

  @Test
  void theLargestAmountIsAcceptedAndPaysOutInFull() {
    Map<String, Object> body = fund("FISCAL", "10000000000.00");
    String id = commit(body);
    assertThat(disburse(id, "10000000000.00", TOWNSHIP).status()).isEqualTo(201);
    assertThat(api.get("/api/funds/" + id, COUNTY).json().path("disbursedAmount").asString()).isEqualTo("10000000000.00");
  }

  @Test
  void aDisbursementIsNeverDatedBeforeItsCommitment() {
    String id = commit(fund("FISCAL", "100.00"));
    Api.Response early = api.post("/api/funds/" + id + "/disbursements", TOWNSHIP, Map.of("amount", "1.00", "disbursedOn", "2023-02-28"));
    assertProblem(early, 400);
    assertThat(early.json().path("errors").get(0).path("field").asString()).isEqualTo("disbursedOn");
    assertThat(api.post("/api/funds/" + id + "/disbursements", TOWNSHIP, Map.of("amount", "1.00", "disbursedOn", "2023-03-01"))
        .status()).isEqualTo(201);
    assertThat(api.get("/api/funds/" + id, COUNTY).json().path("disbursedAmount").asString()).isEqualTo("1.00");
    for (String bad : List.of("{\"amount\": 1, \"disbursedOn\": \"2023-05-01\"}", "{\"amount\": \"1.00\", \"disbursedOn\": 20230501}",
        "{\"amount\": \"1.00\", \"disbursedOn\": \"2023-05-01\", \"note\": \"a\\u0000\"}")) {
      assertProblem(api.post("/api/funds/" + id + "/disbursements", TOWNSHIP, bad), 400);
    }
  }

  @Test
  void everyBadFieldIsListedWithItsMessageFromTheOneBundle() {
    Map<String, Object> body = fund("GOLD", "0.00");
    body.remove("committedOn");
    Api.Response r = api.post("/api/funds", TOWNSHIP, body);
    assertProblem(r, 400);
    Map<String, String> errors = new LinkedHashMap<>();
    r.json().path("errors").forEach(e -> errors.put(e.path("field").asString(), e.path("message").asString()));
    assertThat(errors).containsOnly(
        Map.entry("source", "must be one of [SOCIAL_CAPITAL, FISCAL, VILLAGE_COLLECTIVE, BANK_LOAN, DONATION]"),
        Map.entry("committedAmount", "must be greater than 0"),
        Map.entry("committedOn", "is required (YYYY-MM-DD)"));
  }

  @Test
  void referencesAndRules() {
    Map<String, Object> noInvestor = fund("SOCIAL_CAPITAL", "100.00");
    noInvestor.remove("investorOrganizationId");
    assertProblem(api.post("/api/funds", TOWNSHIP, noInvestor), 400);
    Map<String, Object> unknownOrg = fund("SOCIAL_CAPITAL", "100.00");
    unknownOrg.put("investorOrganizationId", "org-x");
    assertProblem(api.post("/api/funds", TOWNSHIP, unknownOrg), 422);
    Map<String, Object> unknownVillage = fund("FISCAL", "100.00");
    unknownVillage.put("villageCode", "NOPE1");
    assertProblem(api.post("/api/funds", TOWNSHIP, unknownVillage), 422);
    Map<String, Object> unknownProject = fund("FISCAL", "100.00");
    unknownProject.put("projectId", "proj-x");
    assertProblem(api.post("/api/funds", TOWNSHIP, unknownProject), 422);
    Map<String, Object> byProject = fund("FISCAL", "100.00");
    byProject.remove("villageCode");
    byProject.put("projectId", "proj-1");
    Api.Response p = api.post("/api/funds", TOWNSHIP, byProject);
    assertThat(p.status()).as(p.toString()).isEqualTo(201);
    assertThat(p.json().path("township").asString()).isEqualTo(HOME);
    assertProblem(api.post("/api/funds", TOWNSHIP, "{\"source\": \"FISCAL\", \"committedAmount\": {\"$gt\": 0}}"), 400);
  }

  @Test
  void roles() {
    assertProblem(api.post("/api/funds", COUNTY, fund("FISCAL", "10.00")), 403);
    assertProblem(api.post("/api/funds", OTHER_TOWNSHIP, fund("FISCAL", "10.00")), 403);
    assertProblem(api.post("/api/funds", NOT_INVESTOR, fund("SOCIAL_CAPITAL", "10.00")), 403);
    assertThat(api.post("/api/funds", INVESTOR, fund("SOCIAL_CAPITAL", "10.00")).status()).isEqualTo(201);
    String id = commit(fund("SOCIAL_CAPITAL", "10.00"));
    assertThat(disburse(id, "1.00", INVESTOR).status()).isEqualTo(201);
    assertProblem(disburse(id, "1.00", NOT_INVESTOR), 403);
    assertProblem(disburse(id, "1.00", COUNTY), 403);
    assertProblem(disburse(id, "1.00", OTHER_TOWNSHIP), 403);
    assertProblem(api.post("/api/funds", null, fund("FISCAL", "10.00")), 401);
  }

  @Test
  void disbursementsStayWithinTheCommitmentAndReversalsFreeTheMoney() {
    String id = commit(fund("FISCAL", "1000.00"));
    Api.Response first = disburse(id, "600.00", TOWNSHIP);
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    String d1 = first.json().path("id").asString();
    Api.Response over = disburse(id, "400.01", TOWNSHIP);
    assertProblem(over, 409);
    assertThat(over.json().path("type").asString()).endsWith("disbursement-exceeds-commitment");
    assertThat(disburse(id, "400.00", TOWNSHIP).status()).isEqualTo(201);
    assertThat(api.get("/api/funds/" + id, COUNTY).json().path("disbursedAmount").asString()).isEqualTo("1000.00");

    String reverse = "/api/funds/" + id + "/disbursements/" + d1 + "/reverse";
    assertProblem(api.post(reverse, INVESTOR, Map.of("reason", "录入错误")), 403);
    assertProblem(api.post(reverse, TOWNSHIP, Map.of()), 400);
    Api.Response rev = api.post(reverse, TOWNSHIP, Map.of("reason", "录入错误"));
    assertThat(rev.status()).as(rev.toString()).isEqualTo(200);
    assertThat(rev.json().path("reversed").asBoolean()).isTrue();
    assertProblem(api.post(reverse, TOWNSHIP, Map.of("reason", "again")), 409);
    assertProblem(api.post("/api/funds/" + id + "/disbursements/nope/reverse", TOWNSHIP, Map.of("reason", "x")), 404);
    JsonNode f = api.get("/api/funds/" + id, COUNTY).json();
    assertThat(f.path("disbursedAmount").asString()).isEqualTo("400.00");
    assertThat(f.path("disbursements")).hasSize(2); // nothing deleted
    assertThat(disburse(id, "600.00", TOWNSHIP).status()).isEqualTo(201);

    JsonNode history = api.get("/api/funds/" + id + "/history", COUNTY).json().path("items");
    assertThat(history).extracting(h -> h.path("action").asString())
        .containsExactly("COMMITTED", "DISBURSED", "DISBURSED", "DISBURSEMENT_REVERSED", "DISBURSED");
  }

  @Test
  void aRetriedDisbursementWithTheSameKeyPaysOnce() {
    String id = commit(fund("FISCAL", "100.00"));
    String key = UUID.randomUUID().toString();
    Api.Response a = disburse(id, "30.00", TOWNSHIP, "Idempotency-Key", key);
    Api.Response b = disburse(id, "30.00", TOWNSHIP, "Idempotency-Key", key);
    assertThat(a.status()).isEqualTo(201);
    assertThat(b.status()).isEqualTo(201);
    assertThat(b.json().path("id").asString()).isEqualTo(a.json().path("id").asString());
    assertThat(api.get("/api/funds/" + id, COUNTY).json().path("disbursedAmount").asString()).isEqualTo("30.00");
    assertProblem(disburse(id, "31.00", TOWNSHIP, "Idempotency-Key", key), 422);
    String fundKey = UUID.randomUUID().toString();
    String f1 = api.post("/api/funds", TOWNSHIP, fund("FISCAL", "5.00"), "Idempotency-Key", fundKey).json().path("id").asString();
    String f2 = api.post("/api/funds", TOWNSHIP, fund("FISCAL", "5.00"), "Idempotency-Key", fundKey).json().path("id").asString();
    assertThat(f2).isEqualTo(f1);
  }

  @Test
  void racingForTheLastYuanExactlyOneWins() throws Exception {
    String id = commit(fund("FISCAL", "100.00"));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 50; i++) results.add(pool.submit(() -> disburse(id, "3.00", TOWNSHIP).status()));
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : results) statuses.add(f.get());
    pool.shutdown();
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(33);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(17);
    assertThat(api.get("/api/funds/" + id, COUNTY).json().path("disbursedAmount").asString()).isEqualTo("99.00");
  }

  @Test
  void collectiveIncomeLatestValueStandsAndHistoryKeepsTheRest() {
    assertThat(api.put("/api/collective-income/CG001/2023", TOWNSHIP, Map.of("amount", "350000.00")).status()).isEqualTo(200);
    Api.Response r = api.put("/api/collective-income/CG001/2023", TOWNSHIP, Map.of("amount", "520000.5"));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().path("amount").asString()).isEqualTo("520000.50");
    assertThat(r.json().path("version").asLong()).isEqualTo(2);
    assertThat(api.get("/api/collective-income?year=2023&villageCode=CG001", COUNTY).json().path("items").get(0).path("amount")
        .asString()).isEqualTo("520000.50");
    assertThat(api.get("/api/collective-income/CG001/2023/history", COUNTY).json().path("items")).hasSize(2);
    assertProblem(api.put("/api/collective-income/CG001/2023", OTHER_TOWNSHIP, Map.of("amount", "1.00")), 403);
    assertProblem(api.put("/api/collective-income/CG001/2023", COUNTY, Map.of("amount", "1.00")), 403);
    assertProblem(api.put("/api/collective-income/CG001/1800", TOWNSHIP, Map.of("amount", "1.00")), 400);
    assertProblem(api.put("/api/collective-income/CG001/2023", TOWNSHIP, Map.of("amount", "-1.00")), 400);
    assertProblem(api.put("/api/collective-income/NOPE1/2023", TOWNSHIP, Map.of("amount", "1.00")), 404);
  }

  @Test
  void aDependencyThatStopsAnsweringFailsFastWith503AndStoresNothing() {
    long before = api.get("/api/funds?villageCode=CG002", COUNTY).json().path("total").asLong();
    Map<String, Object> body = fund("FISCAL", "10.00");
    body.put("villageCode", "CG002");
    STUB.stop();
    for (int i = 0; i < 6; i++) {
      Api.Response r = api.post("/api/funds", TOWNSHIP, body);
      assertProblem(r, 503);
      assertThat(r.header("Retry-After")).isNotBlank();
    }
    long t0 = System.nanoTime();
    assertProblem(api.post("/api/funds", TOWNSHIP, body), 503); // breaker open: no call at all
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(500);
    assertThat(api.get("/api/funds?villageCode=CG002", COUNTY).json().path("total").asLong()).isEqualTo(before);
    STUB.answer();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
        .until(() -> api.post("/api/funds", TOWNSHIP, body).status() == 201);
  }

  @Test
  void everyChangeIsPublishedOnTheFundsTopic() {
    String id = commit(fund("SOCIAL_CAPITAL", "500.00"));
    String d = disburse(id, "200.00", TOWNSHIP).json().path("id").asString();
    api.post("/api/funds/" + id + "/disbursements/" + d + "/reverse", TOWNSHIP, Map.of("reason", "更正"));
    api.put("/api/collective-income/CG002/2023", TOWNSHIP, Map.of("amount", "210000.00"));

    String topic = Topics.named(RealInfrastructure.properties(FundsApiIT.class).get("village.kafka.topic-prefix"), Topics.FUNDS);
    Properties props = KafkaSettings.consumer(RealInfrastructure.kafkaBootstrapServers(), "test-" + UUID.randomUUID(), "test");
    Map<String, List<JsonNode>> byKey = new LinkedHashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(200))) {
          byKey.computeIfAbsent(rec.key(), k -> new ArrayList<>()).add(Api.JSON.readTree(rec.value()));
        }
        return byKey.getOrDefault(id, List.of()).size() >= 3 && byKey.containsKey("CG002:2023");
      });
    }
    assertThat(byKey.get(id)).extracting(e -> e.path("type").asString())
        .containsExactly("FundCommitted", "FundDisbursed", "DisbursementReversed");
    assertThat(byKey.get(id)).extracting(e -> e.path("sequence").asLong()).containsExactly(1L, 2L, 3L);
    JsonNode committed = byKey.get(id).get(0).path("data");
    assertThat(committed.path("committedAmount").asString()).isEqualTo("500.00");
    assertThat(committed.path("township").asString()).isEqualTo(HOME);
    assertThat(committed.path("villageCode").asString()).isEqualTo("CG001");
    assertThat(byKey.get(id).get(2).path("data").path("amount").asString()).isEqualTo("200.00");
    JsonNode income = byKey.get("CG002:2023").get(0).path("data");
    assertThat(income.path("amount").asString()).isEqualTo("210000.00");
    assertThat(income.path("year").asInt()).isEqualTo(2023);
  }

  static void assertProblem(Api.Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
  }
}
