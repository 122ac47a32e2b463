package village.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.util.List;
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
import village.devstack.Api;
import village.devstack.RealInfrastructure;
import village.devstack.Tokens;
import village.support.testapp.EchoApplication;

/**
 * Requests no well-behaved client sends, against a real Tomcat running the shared plumbing: each is a 4xx with an
 * {@code application/problem+json} body, never a 5xx; and the operations surface is closed.
 */
@ExtendWith(RealInfrastructure.class)
@SpringBootTest(classes = EchoApplication.class, webEnvironment = RANDOM_PORT)
class HostileRequestsIT {
  static final String COUNTY = Api.county();
  static final String TOWNSHIP = Api.township("城关镇");
  static final String ORGANIZATION = Api.organization("org-1");
  static final String UNSCOPED_TOWNSHIP = Api.sign("township-nowhere", List.of("TOWNSHIP"), null, null, null, null);

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    RealInfrastructure.properties(HostileRequestsIT.class).forEach((k, v) -> r.add(k, () -> v));
    r.add("village.mongodb.database", () -> "hostile");
  }

  @Value("${local.server.port}")
  int port;

  RawHttp.Reply post(String contentType, String body) {
    return RawHttp.send(port, "POST /api/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + COUNTY + "\r\n"
        + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n"), body);
  }

  RawHttp.Reply get(String target, String token) {
    return RawHttp.send(port, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n"), null);
  }

  static void assertProblem(RawHttp.Reply r, int... statuses) {
    assertThat(r.status()).as(r.toString()).isIn(java.util.Arrays.stream(statuses).boxed().toList());
    assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
    JsonNode p = Api.JSON.readTree(r.body());
    assertThat(p.path("status").asInt()).isEqualTo(r.status());
    assertThat(p.path("type").asString()).startsWith(ProblemException.TYPE_BASE);
  }

  static String fieldOf(RawHttp.Reply r) {
    return Api.JSON.readTree(r.body()).path("errors").path(0).path("field").asString();
  }

  @Test
  void aWellFormedRequestPasses() {
    RawHttp.Reply r = post("application/json", "{\"name\":\"甲\",\"on\":\"2024-01-01\",\"percent\":50,\"amount\":\"100.50\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.body()).contains("\"on\":\"2024-01-01\"").contains("\"amount\":\"100.50\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"*/*", "application/*", "*", "nonsense", "application/json; charset=no-such-charset", "text/plain",
      "application/xml"})
  void aContentTypeThatIsNotJsonIs415(String contentType) {
    assertProblem(post(contentType, "{\"name\":\"x\"}"), 415);
  }

  @Test
  void aBodyWithoutContentTypeIs415() {
    assertProblem(post(null, "{\"name\":\"x\"}"), 415);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"name\": 5}|name",
      "{\"name\": true}|name",
      "{\"name\": {\"a\":1}}|name",
      "{\"note\": \"a\\u0000b\"}|note",
      "{\"note\": \"bell\\u0007\"}|note",
      "{\"name\": \"two\\nlines\"}|name",
      "{\"name\": \"   \"}|name",
      "{\"on\": 20240101}|on",
      "{\"on\": -1}|on",
      "{\"on\": \"2024-01-01T00:00:00Z\"}|on",
      "{\"on\": \"2024-01-01\\u0000\"}|on",
      "{\"on\": \"2024-1-1\"}|on",
      "{\"on\": \"2023-02-29\"}|on",
      "{\"on\": \"1949-09-30\"}|on",
      "{\"on\": \"2101-01-01\"}|on",
      "{\"on\": \"+999999999-12-31\"}|on",
      "{\"on\": true}|on",
      "{\"percent\": \"50\"}|percent",
      "{\"percent\": 50.5}|percent",
      "{\"percent\": true}|percent",
      "{\"flag\": \"true\"}|flag",
      "{\"flag\": 1}|flag",
      "{\"amount\": 100.5}|amount",
      "{\"amount\": 100}|amount",
      "{\"amount\": \" 100.00 \"}|amount",
      "{\"amount\": \"100.005\"}|amount",
      "{\"amount\": \"1e3\"}|amount",
      "{\"amount\": \"10000000000.01\"}|amount",
      "{\"amount\": \"1000000000000.00\"}|amount",
      "{\"ids\": \"one\"}|ids",
      "{\"ids\": [1]}|ids[0]",
      "{\"nested\": {\"title\": 3}}|nested.title",
      "{\"nested\": {\"due\": 20240101}}|nested.due",
      "{\"nested\": {\"title\": \"\\t\"}}|nested.title",
      "{\"quantity\": \"5\"}|quantity",
      "{\"quantity\": true}|quantity"})
  void aWrongTypeOrFormatIs400NamingTheField(String body, String field) {
    RawHttp.Reply r = post("application/json", body);
    assertProblem(r, 400);
    assertThat(fieldOf(r)).as(r.toString()).isEqualTo(field);
  }

  @Test
  void theLimitsThemselvesPass() {
    RawHttp.Reply r = post("application/json",
        "{\"on\":\"1949-10-01\",\"amount\":\"10000000000.00\",\"quantity\":5,\"nested\":{\"due\":\"2100-12-31\"},\"note\":\"a\\nb\\tc\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "not json", "[1,2]", "\"text\"", ""})
  void malformedJsonIs400(String body) {
    assertProblem(post("application/json", body), 400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/echo?q=%FF%FE", "/api/echo?q=%C0%AF", "/api/echo?q=%ZZ", "/api/echo?q=%", "/api/echo?q=%E4%B8",
      "/api/echo/%FF", "/api/%ZZ", "/api/echo;x=1", "/api/../../etc/passwd", "/api/echo%00", "/api//echo"})
  void aBadUrlIs400(String target) {
    assertProblem(get(target, COUNTY), 400, 404);
  }

  @Test
  void aGoodQueryStillPasses() {
    RawHttp.Reply r = get("/api/echo?q=%E5%9F%8E%E5%85%B3%E9%95%87", COUNTY);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.body()).contains("城关镇");
  }

  @Test
  void anOverlongUrlIs414Or400WithAProblem() {
    assertProblem(get("/api/echo?q=" + "a".repeat(20_000), COUNTY), 414, 400);
  }

  @Test
  void overlongHeadersAre431Or400WithAProblem() {
    RawHttp.Reply r = RawHttp.send(port, "GET /api/echo HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n", null);
    assertProblem(r, 431, 400);
  }

  @Test
  void aMalformedRequestLineIs400WithAProblem() {
    assertProblem(RawHttp.send(port, "GET /api/echo?q=a b HTTP/1.1\r\nHost: localhost\r\n", null), 400);
    assertProblem(RawHttp.send(port, "GET /api/\u0001echo HTTP/1.1\r\nHost: localhost\r\n", null), 400);
  }

  @Test
  void anUnknownPathIsA404Problem() {
    assertProblem(get("/no/such/thing", COUNTY), 404);
  }

  @Test
  void aTownshipTokenWithoutTownshipClaimIsRefused() {
    assertProblem(get("/api/echo?q=x", UNSCOPED_TOWNSHIP), 403);
    assertThat(get("/api/echo?q=x", TOWNSHIP).status()).isEqualTo(200);
  }

  @Test
  void metricsNeedCounty() {
    assertProblem(get("/actuator/metrics", null), 401);
    assertProblem(get("/actuator/metrics", ORGANIZATION), 403);
    assertProblem(get("/actuator/metrics", TOWNSHIP), 403);
    assertProblem(get("/actuator", TOWNSHIP), 403);
    assertThat(get("/actuator/metrics", COUNTY).status()).isEqualTo(200);
  }

  @Test
  void healthShowsStatusToAnyoneAndDetailsOnlyToCounty() {
    RawHttp.Reply anonymous = get("/actuator/health", null);
    assertThat(anonymous.status()).isEqualTo(200);
    JsonNode a = Api.JSON.readTree(anonymous.body());
    assertThat(a.path("status").asString()).isEqualTo("UP");
    assertThat(a.has("components")).as(anonymous.body()).isFalse();
    assertThat(anonymous.body()).doesNotContain("database").doesNotContain("outboxBacklog");
    assertThat(get("/actuator/health", ORGANIZATION).body()).doesNotContain("outboxBacklog");
    RawHttp.Reply county = get("/actuator/health", COUNTY);
    assertThat(county.body()).contains("outboxBacklog").contains("\"database\"");
  }
}
