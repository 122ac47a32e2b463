package village.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import village.contracts.RequestIds;
import village.devstack.SigningKey;
import village.devstack.Tokens;
import village.events.Topics;

/**
 * The public contract of API.md, black-box through the gateway of the running system: authentication, the role
 * matrix, status codes for bad input, idempotency, history, and the statistics catching up with writes. Works in
 * its own township (测试镇) so that the township of the demo keeps the report's figures.
 */
class ApiContractIT {
  private static final String TOWNSHIP = "测试镇";
  private static final String TOWNSHIP_Q = "%E6%B5%8B%E8%AF%95%E9%95%87";
  private static final AtomicInteger SERIAL = new AtomicInteger();
  private static RunningSystem system;
  private static Http http;
  private static String township;
  private static String otherTownship;
  private static String county;

  @BeforeAll
  static void villagesOfTheTestTownship() {
    system = RunningSystem.get();
    http = system.http;
    township = system.token("contract-township", "TOWNSHIP", null, TOWNSHIP);
    otherTownship = system.token("contract-other-township", "TOWNSHIP", null, "城关镇");
    county = system.token("contract-county", "COUNTY", null, null);
    for (String code : List.of("TS001", "TS002")) {
      Http.Response r = http.post("/api/villages", township, Map.of("code", code, "name", "测试" + code + "村",
          "kind", "VILLAGE", "township", TOWNSHIP, "county", "安平县"), null);
      assertThat(r.status()).as(r.toString()).isIn(201, 409);
    }
  }

  // ------------------------------------------------------------------------------------------------ auth

  @Test
  void everyApiCallNeedsAValidToken() {
    assertProblem(http.get("/api/villages", null), 401);
    String valid = system.token("someone", "COUNTY", null, null);
    String tampered = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA" + valid.substring(valid.lastIndexOf('.') + 5);
    assertProblem(http.get("/api/villages", tampered), 401);
    String otherKey = Tokens.sign(SigningKey.generate(system.signingKey.kid()), system.issuer, "x", List.of("COUNTY"),
        null, null, Duration.ofHours(1), null);
    assertProblem(http.get("/api/villages", otherKey), 401);
    String sharedSecret = Tokens.sign("another-secret-another-secret-another-secret", "x", List.of("COUNTY"), null, null,
        Duration.ofHours(1), null);
    assertProblem(http.get("/api/villages", sharedSecret), 401); // HS256 is no way in any more
    String expired = Tokens.sign(system.signingKey, system.issuer, "x", List.of("COUNTY"), null, null, Duration.ofMinutes(5),
        Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC));
    assertProblem(http.get("/api/villages", expired), 401);
    assertThat(http.get("/api/villages", valid).status()).isEqualTo(200);
  }

  @Test
  void theRoleMatrix() {
    String organization = system.token("contract-org", "ORGANIZATION", "no-such-org", null);
    // COUNTY reads everything and writes nothing
    for (String path : List.of("/api/villages", "/api/organizations", "/api/partnerships", "/api/needs",
        "/api/projects", "/api/funds", "/api/collective-income", "/api/stats/overview", "/api/stats/townships")) {
      assertThat(http.get(path, county).status()).as("COUNTY GET " + path).isEqualTo(200);
    }
    assertProblem(http.post("/api/needs", county, need("TS001"), null), 403);
    assertProblem(http.post("/api/projects", county, Map.of("name", "x"), null), 403);
    assertProblem(http.post("/api/funds", county, Map.of("source", "FISCAL"), null), 403);
    // ORGANIZATION: no statistics, no township work
    assertProblem(http.get("/api/stats/overview", organization), 403);
    assertProblem(http.post("/api/needs", organization, need("TS001"), null), 403);
    assertThat(http.get("/api/villages", organization).status()).isEqualTo(200);
    // a TOWNSHIP writes only its own township's villages
    assertProblem(http.post("/api/needs", otherTownship, need("TS001"), null), 403);
    assertProblem(http.put("/api/collective-income/TS001/2023", otherTownship, Map.of("amount", "1.00")), 403);
  }

  // ----------------------------------------------------------------------------------------- bad input

  @Test
  void badInputIsA4xxProblemAndChangesNothing() {
    long organizations = total("/api/organizations?size=1");
    assertProblem(http.post("/api/organizations", township, "{\"name\": \"坏的", null), 400);
    assertProblem(http.post("/api/organizations", township, Map.of("name", "错码公司", "type", "ENTERPRISE",
        "creditCode", "91110000802100433A"), null), 400);
    assertProblem(http.post("/api/organizations", township, Map.of("name", "无类型", "type", "GUILD",
        "creditCode", creditCode()), null), 400);
    assertProblem(http.post("/api/organizations", township, Map.of("name", Map.of("$gt", ""), "type", "ENTERPRISE",
        "creditCode", creditCode()), null), 400);
    assertThat(total("/api/organizations?size=1")).isEqualTo(organizations);

    assertProblem(http.get("/api/partnerships/does-not-exist", county), 404);
    assertProblem(http.get("/api/projects/does-not-exist", county), 404);
    assertProblem(http.get("/api/funds/does-not-exist", county), 404);
    assertProblem(http.post("/api/needs", township, need("XX999"), null), 422);

    String fundsBefore = http.get("/api/funds?villageCode=TS002&size=1", county).body().path("total").toString();
    for (String amount : List.of("0", "-5.00", "1.234", "abc", "10000000000000.00")) {
      assertProblem(http.post("/api/funds", township, Map.of("source", "FISCAL", "villageCode", "TS002",
          "committedAmount", amount, "committedOn", "2023-03-01"), null), 400);
    }
    assertProblem(http.post("/api/funds", township, Map.of("source", "SOCIAL_CAPITAL", "villageCode", "TS002",
        "committedAmount", "100.00", "committedOn", "2023-03-01"), null), 400);
    assertThat(http.get("/api/funds?villageCode=TS002&size=1", county).body().path("total").toString()).isEqualTo(fundsBefore);

    String big = "{\"villageCode\":\"TS001\",\"category\":\"OTHER\",\"title\":\"" + "x".repeat(1_100_000) + "\"}";
    assertThat(http.post("/api/needs", township, big, null).status()).isEqualTo(413);
  }

  @Test
  void mongoOperatorLookingTextIsStoredAsText() {
    Http.Response r = http.post("/api/needs", township, Map.of("villageCode", "TS001", "category", "OTHER",
        "title", "{\"$where\": \"sleep(1000)\"}"), null);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(http.get("/api/needs/" + r.text("id"), county).text("title")).isEqualTo("{\"$where\": \"sleep(1000)\"}");
  }

  // ------------------------------------------------------------------- organizations and partnerships

  @Test
  void pairingRulesIdempotencyAndHistory() {
    String org = organization();
    Http.Response p = http.post("/api/partnerships", township, Map.of("organizationId", org, "villageCode", "TS001",
        "startDate", "2023-02-01", "focus", List.of("INDUSTRY")), null);
    assertThat(p.status()).as(p.toString()).isEqualTo(201);
    assertThat(p.text("status")).isEqualTo("ACTIVE");
    assertProblem(http.post("/api/partnerships", township, Map.of("organizationId", org, "villageCode", "TS001",
        "startDate", "2023-02-02"), null), 409);
    assertProblem(http.post("/api/partnerships", township, Map.of("organizationId", "no-such-org", "villageCode", "TS001",
        "startDate", "2023-02-02"), null), 422);

    String id = p.text("id");
    Http.Response ended = http.post("/api/partnerships/" + id + "/end", township,
        Map.of("endDate", "2023-12-31", "reason", "年度结束"), null);
    assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
    assertThat(ended.text("status")).isEqualTo("ENDED");
    assertProblem(http.post("/api/partnerships/" + id + "/end", township,
        Map.of("endDate", "2023-12-31", "reason", "again"), null), 409);
    JsonNode history = http.get("/api/partnerships/" + id + "/history", county).body();
    JsonNode entries = history.isArray() ? history : history.path("items");
    assertThat(entries.size()).isEqualTo(2);
    assertThat(entries.get(0).toString()).contains("contract-township");
    assertThat(entries.get(0).path("at").asString()).isLessThanOrEqualTo(entries.get(1).path("at").asString());

    // the pair may be registered again once the first pairing ended
    assertThat(http.post("/api/partnerships", township, Map.of("organizationId", org, "villageCode", "TS001",
        "startDate", "2024-01-01"), null).status()).isEqualTo(201);
  }

  @Test
  void aCreatingPostWithTheSameIdempotencyKeyCreatesOnce() {
    String key = "contract-" + UUID.randomUUID();
    long before = total("/api/needs?villageCode=TS002&size=1");
    Map<String, Object> body = need("TS002");
    Http.Response first = http.post("/api/needs", township, body, key);
    Http.Response again = http.post("/api/needs", township, body, key);
    Http.Response otherBody = http.post("/api/needs", township, need("TS002"), key);
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(again.status()).isIn(200, 201);
    assertThat(again.text("id")).isEqualTo(first.text("id"));
    assertThat(otherBody.status()).as("the same key with another body").isEqualTo(422);
    assertThat(total("/api/needs?villageCode=TS002&size=1")).isEqualTo(before + 1);
  }

  // ---------------------------------------------------------------------------------------- projects, funds

  @Test
  void projectLifecycleRefusesForbiddenMoves() {
    Http.Response p = http.post("/api/projects", township, Map.of("name", "测试核桃基地", "industry", "WALNUT",
        "villageCodes", List.of("TS002"), "scale", Map.of("quantity", 100, "unit", "MU"),
        "plannedInvestment", "100000.00", "startDate", "2023-04-01"), null);
    assertThat(p.status()).as(p.toString()).isEqualTo(201);
    String id = p.text("id");
    Http.Response jump = http.post("/api/projects/" + id + "/status", township, Map.of("status", "COMPLETED"), null);
    assertProblem(jump, 409);
    assertThat(jump.text()).contains("PLANNED");
    assertProblem(http.post("/api/projects/" + id + "/progress", township,
        Map.of("percentComplete", 10, "reportedOn", "2023-05-01"), null), 409);
    assertThat(http.post("/api/projects/" + id + "/status", township, Map.of("status", "APPROVED"), null).status()).isEqualTo(200);
  }

  @Test
  void disbursementsNeverExceedTheCommitmentAndReversalsAreFinal() {
    Http.Response f = http.post("/api/funds", township, Map.of("source", "FISCAL", "villageCode", "TS002",
        "committedAmount", "1000.00", "committedOn", "2023-03-01"), null);
    assertThat(f.status()).as(f.toString()).isEqualTo(201);
    assertThat(f.text("disbursedAmount")).isEqualTo("0.00");
    String fund = f.text("id");
    Http.Response d = http.post("/api/funds/" + fund + "/disbursements", township,
        Map.of("amount", "600.00", "disbursedOn", "2023-04-01"), null);
    assertThat(d.status()).as(d.toString()).isEqualTo(201);
    assertProblem(http.post("/api/funds/" + fund + "/disbursements", township,
        Map.of("amount", "400.01", "disbursedOn", "2023-04-02"), null), 409);
    String reverse = "/api/funds/" + fund + "/disbursements/" + d.text("id") + "/reverse";
    assertThat(http.post(reverse, township, Map.of("reason", "录入错误"), null).status()).isEqualTo(200);
    assertProblem(http.post(reverse, township, Map.of("reason", "again"), null), 409);
    assertThat(http.post("/api/funds/" + fund + "/disbursements", township,
        Map.of("amount", "1000.00", "disbursedOn", "2023-04-03"), null).status()).isEqualTo(201);
    assertThat(http.get("/api/funds/" + fund, county).text("disbursedAmount")).isEqualTo("1000.00");
  }

  // --------------------------------------------------------------------------------------------- stats

  @Test
  void theStatisticsCatchUpWithWrites() {
    String stats = "/api/stats/overview?year=2023&township=" + TOWNSHIP_Q;
    long resolved = http.get(stats, county).body().path("needs").path("resolved").asLong();
    String org = organization();
    Http.Response p = http.post("/api/partnerships", township, Map.of("organizationId", org, "villageCode", "TS002",
        "startDate", "2023-02-01"), null);
    assertThat(p.status()).as(p.toString()).isEqualTo(201);
    Http.Response n = http.post("/api/needs", township, need("TS002"), null);
    Http.Response solved = http.post("/api/needs/" + n.text("id") + "/resolve", township,
        Map.of("partnershipId", p.text("id"), "resolvedOn", "2023-06-01"), null);
    assertThat(solved.status()).as(solved.toString()).isEqualTo(200);
    assertThat(http.put("/api/collective-income/TS002/2023", township, Map.of("amount", "250000.00")).status()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      JsonNode o = http.get(stats, county).body();
      assertThat(o.path("asOf").asString()).isNotBlank();
      assertThat(o.path("needs").path("resolved").asLong()).isEqualTo(resolved + 1);
      assertThat(o.path("villages").path("covered").asLong()).isGreaterThanOrEqualTo(1);
      assertThat(o.path("collectiveIncome").path("bands").path("from200kTo500k").asLong()).isGreaterThanOrEqualTo(1);
    });
    Http.Response csv = http.get("/api/stats/export?format=csv&township=" + TOWNSHIP_Q, county);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.raw().body()[0] & 0xFF).isEqualTo(0xEF); // UTF-8 BOM for Excel
    assertThat(csv.text()).contains("TS002");
  }

  @Test
  void requestIdsAreReturned() {
    Http.Response r = http.send("GET", "/api/villages?size=1", county, null, null, null);
    assertThat(r.header("X-Request-Id")).isNotBlank();
  }

  @Test
  void aRequestIdAndTheTraceContextFollowTheCallIntoTheServiceLogAndTheEventHeaders() throws IOException {
    Assumptions.assumeTrue(system.startedHere(), "needs the logs and the broker of a system this JVM started");
    // 87 characters: over the services' old limit of 64, within the one rule the gateway and the services share
    String id = "acceptance-" + UUID.randomUUID() + "-" + "x".repeat(40);
    String traceId = UUID.randomUUID().toString().replace("-", "");
    String traceparent = "00-" + traceId + "-" + traceId.substring(0, 16) + "-01";
    Http.Response r = http.send("POST", "/api/needs", township, need("TS001"), null, null,
        Map.of(RequestIds.HEADER, id, "traceparent", traceparent));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.raw().headers().allValues(RequestIds.HEADER)).containsExactly(id);
    String needId = r.text("id");

    Path log = system.dataDir().resolve("logs/partnership-service.log");
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log, StandardCharsets.UTF_8).contains(id));
    assertThat(Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains(id)))
        .anySatisfy(l -> assertThat(l).contains("POST /api/needs 201").contains(traceId));

    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + system.port("KAFKA_PORT"));
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (var consumer = new KafkaConsumer<String, String>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.PARTNERSHIPS).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<String> idsOfTheNeedsEvents = new ArrayList<>();
      List<String> tracesOfTheNeedsEvents = new ArrayList<>();
      await().atMost(Duration.ofSeconds(20)).until(() -> {
        for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(500))) {
          Header h = rec.headers().lastHeader(RequestIds.HEADER);
          if (needId.equals(rec.key())) {
            idsOfTheNeedsEvents.add(h == null ? null : new String(h.value(), StandardCharsets.UTF_8));
            Header t = rec.headers().lastHeader("traceparent");
            tracesOfTheNeedsEvents.add(t == null ? null : new String(t.value(), StandardCharsets.UTF_8));
          }
        }
        return !idsOfTheNeedsEvents.isEmpty();
      });
      assertThat(idsOfTheNeedsEvents).containsExactly(id);
      // the same trace, continued through the gateway and the service (a span of their own)
      assertThat(tracesOfTheNeedsEvents).singleElement().asString().startsWith("00-" + traceId + "-").isNotEqualTo(traceparent);
    }
  }

  // ------------------------------------------------------------------------------------------- helpers

  private static Map<String, Object> need(String village) {
    return Map.of("villageCode", village, "category", "INFRASTRUCTURE", "title", "修缮道路 " + SERIAL.incrementAndGet());
  }

  private static String organization() {
    Http.Response r = http.post("/api/organizations", township, Map.of("name", "测试企业" + SERIAL.incrementAndGet(),
        "type", "ENTERPRISE", "creditCode", creditCode()), null);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.text("id");
  }

  private static long total(String path) {
    Http.Response r = http.get(path, county);
    assertThat(r.status()).as(path + " → " + r).isEqualTo(200);
    return r.body().path("total").asLong();
  }

  private static void assertProblem(Http.Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type")).as("content type of " + r).startsWith("application/problem+json");
    assertThat(r.body().path("status").asInt()).isEqualTo(status);
    assertThat(r.body().path("title").asString()).isNotBlank();
  }

  private static String creditCode() {
    return CreditCodes.random();
  }
}
