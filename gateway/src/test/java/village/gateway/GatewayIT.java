package village.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import village.devstack.Api;
import village.devstack.LocalIssuer;
import village.devstack.SigningKey;
import village.devstack.Tokens;

/** The real gateway in front of stand-in services on real sockets. */
@SpringBootTest(webEnvironment = RANDOM_PORT)
class GatewayIT {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Backend PARTNERSHIP = new Backend("partnership");
  static final Backend PROJECT = new Backend("project");
  static final Backend FUNDS = new Backend("funds");
  static final Backend REPORTING = new Backend("reporting");
  static final Backend IDENTITY = new Backend("identity");
  static final Backend IMPORTS = new Backend("import");
  static final Duration TIME_LIMIT = Duration.ofSeconds(3);

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("village.security.jwt.jwk-set-uri", () -> LocalIssuer.get().jwkSetUri());
    r.add("village.gateway.services.partnership", PARTNERSHIP::url);
    r.add("village.gateway.services.project", PROJECT::url);
    r.add("village.gateway.services.funds", FUNDS::url);
    r.add("village.gateway.services.reporting", REPORTING::url);
    r.add("village.gateway.services.identity", IDENTITY::url);
    r.add("village.gateway.services.imports", IMPORTS::url);
    r.add("village.gateway.breaker.time-limit", () -> TIME_LIMIT.toSeconds() + "s");
    r.add("village.gateway.breaker.open-for", () -> "2s");
    r.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "2s");
    r.add("village.gateway.rate-limit.requests-per-second", () -> "5"); // tests use a fresh token subject per request
    r.add("village.gateway.rate-limit.burst", () -> "10");
  }

  @AfterAll
  static void stop() {
    for (Backend b : List.of(PARTNERSHIP, PROJECT, FUNDS, REPORTING, IDENTITY, IMPORTS)) b.close();
  }

  @Value("${local.server.port}")
  int port;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void backendsUp() {
    for (Backend b : List.of(PARTNERSHIP, PROJECT, FUNDS, REPORTING, IDENTITY, IMPORTS)) b.start();
  }

  record Response(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      return JSON.readTree(body);
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  static String token(String role) {
    return Api.sign(role.toLowerCase() + "-" + UUID.randomUUID(), List.of(role), role.equals("ORGANIZATION") ? "org-1" : null,
        role.equals("TOWNSHIP") ? "城关镇" : null, Duration.ofMinutes(10), null);
  }

  Response send(String method, String path, String token, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    if (token != null) b.header("Authorization", "Bearer " + token);
    for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void assertProblem(Response r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.body()).contains("\"status\":" + status);
  }

  /** A write's 503: the outcome is unknown (it may have been applied) and a retry with the same key is safe. */
  static void assertOutcomeUnknown(Response r) {
    assertThat(r.json().path("type").asString()).endsWith("/outcome-unknown");
    assertThat(r.json().path("outcome").asString()).isEqualTo("unknown");
    assertThat(r.json().path("detail").asString())
        .contains("outcome of this").contains("may or may not have been applied").contains("same Idempotency-Key is safe");
    assertThat(r.json().path("retryAfterSeconds").asLong()).isEqualTo(Long.parseLong(r.header("Retry-After")));
  }

  @Test
  void everyPathFamilyReachesItsService() {
    Map<String, String> families = Map.of("/api/villages", "partnership", "/api/organizations/o1", "partnership",
        "/api/partnerships?status=ACTIVE", "partnership", "/api/needs/n1/history", "partnership", "/api/projects/p1",
        "project", "/api/funds", "funds", "/api/collective-income?year=2023", "funds", "/api/stats/overview?year=2023", "reporting",
        "/api/users?size=5", "identity", "/api/clients", "identity");
    String county = token("COUNTY");
    families.forEach((path, service) -> {
      Response r = send("GET", path, county, null);
      assertThat(r.status()).as(path + " " + r.body()).isEqualTo(200);
      assertThat(r.json().path("service").asString()).as(path).isEqualTo(service);
      assertThat(r.json().path("path").asString()).isEqualTo(path);
      assertThat(r.json().path("authorization").asBoolean()).isTrue();
    });
    assertThat(send("GET", "/api/unknown", token("COUNTY"), null).status()).isEqualTo(404);
    // accounts are identity-service's to guard: a COUNTY write reaches it (the other services' COUNTY-reads-only rule is not applied)
    Response write = send("POST", "/api/users", token("COUNTY"), "{}");
    assertThat(write.status()).as(write.body()).isEqualTo(200);
    assertThat(write.json().path("service").asString()).as(write.body()).isEqualTo("identity");
  }

  @Test
  void theAuthorizationMatrix() {
    String[][] reads = {{"/api/villages"}, {"/api/projects"}, {"/api/funds"}, {"/api/stats/overview"}};
    for (String role : List.of("COUNTY", "TOWNSHIP", "ORGANIZATION")) {
      for (String[] p : reads) {
        int expected = role.equals("ORGANIZATION") && p[0].startsWith("/api/stats") ? 403 : 200;
        assertThat(send("GET", p[0], token(role), null).status()).as(role + " GET " + p[0]).isEqualTo(expected);
      }
      for (String path : List.of("/api/needs", "/api/projects", "/api/funds")) {
        int expected = role.equals("COUNTY") ? 403 : 200;
        assertThat(send("POST", path, token(role), "{}").status()).as(role + " POST " + path).isEqualTo(expected);
      }
      assertThat(send("PUT", "/api/collective-income/CG001/2023", token(role), "{}").status()).as(role + " PUT")
          .isEqualTo(role.equals("COUNTY") ? 403 : 200);
      assertThat(send("POST", "/api/stats/rebuild", token(role), "{}").status()).as(role + " rebuild")
          .isEqualTo(role.equals("COUNTY") ? 200 : 403);
    }
    assertProblem(send("POST", "/api/needs", token("COUNTY"), "{}"), 403);
    assertProblem(send("GET", "/api/stats/overview", token("ORGANIZATION"), null), 403);
  }

  @Test
  void missingExpiredTamperedOrWronglySignedTokensAre401() {
    int before = PARTNERSHIP.calls.get();
    assertProblem(send("GET", "/api/villages", null, null), 401);
    String expired = Api.sign("x", List.of("COUNTY"), null, null, Duration.ofMinutes(1),
        Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC));
    assertProblem(send("GET", "/api/villages", expired, null), 401);
    String good = token("COUNTY");
    String[] parts = good.split("\\.");
    String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"sub\":\"x\",\"roles\":[\"TOWNSHIP\"],\"exp\":9999999999}".getBytes()) + "." + parts[2];
    assertProblem(send("GET", "/api/villages", forged, null), 401);
    String otherKey = Tokens.sign(SigningKey.generate(LocalIssuer.get().key().kid()), LocalIssuer.ISSUER, "x",
        List.of("COUNTY"), null, null, null, null);
    assertProblem(send("GET", "/api/villages", otherKey, null), 401);
    String sharedSecret = Tokens.sign("gateway-test-secret-0123456789abcdef0123", "x", List.of("COUNTY"), null, null, null, null);
    assertProblem(send("GET", "/api/villages", sharedSecret, null), 401); // HS256 is no longer a way in
    assertProblem(send("GET", "/api/villages", "not.a.jwt", null), 401);
    assertThat(PARTNERSHIP.calls.get()).isEqualTo(before); // none of them reached the service
  }

  @Test
  void requestIdsAreGeneratedOrKeptPassedOnAndReturned() {
    Response generated = send("GET", "/api/projects/x", token("COUNTY"), null);
    String id = generated.header("X-Request-Id");
    assertThat(id).isNotBlank();
    assertThat(generated.json().path("requestId").asString()).isEqualTo(id);
    assertThat(generated.raw().headers().allValues("X-Request-Id")).as("one value, though the service echoes it too")
        .containsExactly(id);
    Response kept = send("GET", "/api/projects/x", token("COUNTY"), null, "X-Request-Id", "client-req-42");
    assertThat(kept.raw().headers().allValues("X-Request-Id")).containsExactly("client-req-42");
    assertThat(kept.json().path("requestId").asString()).isEqualTo("client-req-42");
    Response insane = send("GET", "/api/projects/x", token("COUNTY"), null, "X-Request-Id", "bad id with spaces");
    assertThat(insane.header("X-Request-Id")).isNotEqualTo("bad id with spaces");
    assertThat(send("GET", "/api/projects/x", null, null).header("X-Request-Id")).isNotBlank(); // also on a 401
  }

  @Test
  void aBodyOverOneMebibyteIs413() {
    int before = PARTNERSHIP.calls.get();
    assertProblem(send("POST", "/api/needs", token("TOWNSHIP"), "{\"title\":\"" + "x".repeat(1_100_000) + "\"}"), 413);
    assertThat(PARTNERSHIP.calls.get()).isEqualTo(before);
    assertThat(send("POST", "/api/needs", token("TOWNSHIP"), "{\"title\":\"" + "x".repeat(900_000) + "\"}").status()).isEqualTo(200);
  }

  @Test
  void aChunkedBodyUnderTheLimitIsForwardedWhole() {
    Response r = sendRaw(chunked("/api/needs", 900_000));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("bodyBytes").asInt()).isEqualTo(900_000);
  }

  /** Issue 15: 4 of 40 tries with 4 concurrent chunked 20 MiB uploads got a 503 (the service closed first). */
  @Test
  void chunkedBodiesOverTheLimitAre413EveryTime() throws Exception {
    int tries = 40;
    int concurrent = 4;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(concurrent);
    Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    try {
      for (int t = 0; t < tries; t++) {
        List<java.util.concurrent.Future<Response>> uploads = new java.util.ArrayList<>();
        for (int i = 0; i < concurrent; i++) uploads.add(pool.submit(() -> sendRaw(chunked("/api/needs", 20 << 20))));
        for (var f : uploads) {
          Response r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
          statuses.merge(r.status(), 1, Integer::sum);
          if (r.status() == 413) assertProblem(r, 413);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(statuses).as("statuses of %d chunked 20 MiB uploads", tries * concurrent).containsOnlyKeys(413);
    assertThat(send("GET", "/api/needs", token("COUNTY"), null).status()).as("the breaker stayed closed").isEqualTo(200);
  }

  @Test
  void badPercentEncodingBadUtf8AndControlCharactersAre400AtTheGateway() throws Exception {
    int before = PROJECT.calls.get();
    String county = token("COUNTY");
    for (String target : List.of("/api/projects?villageCode=%FF%FE", "/api/projects/%ZZ", "/api/projects?x=%",
        "/api/projects?x=%4", "/api/projects/%C3%28", "/api/projects?villageCode=%00", "/api/projects/a%0Ab",
        "/api/projects?status=%ED%A0%80")) {
      RawResponse r = raw("GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + county + "\r\n\r\n");
      assertThat(r.status()).as(target + " " + r.body()).isEqualTo(400);
      assertThat(r.header("content-type")).as(target).startsWith("application/problem+json");
      assertThat(r.body()).contains("\"status\":400");
    }
    RawResponse expect = raw("GET /api/projects HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nAuthorization: Bearer " + county + "\r\n\r\n");
    assertThat(expect.status()).isEqualTo(417);
    assertThat(expect.header("content-type")).startsWith("application/problem+json");
    assertThat(PROJECT.calls.get()).as("none reached the service").isEqualTo(before);
    RawResponse fine = raw("GET /api/projects?villageCode=%E6%B5%8B HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + county + "\r\n\r\n");
    assertThat(fine.status()).isEqualTo(200);
  }

  @Test
  void theHttpServersOwnRejectionsAreProblems() throws Exception {
    String county = token("COUNTY");
    RawResponse longUrl = raw("GET /api/projects?q=" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(longUrl.status()).isEqualTo(414);
    assertThat(longUrl.header("content-type")).startsWith("application/problem+json");
    assertThat(longUrl.body()).contains("\"status\":414");
    RawResponse bigHeader = raw("GET /api/projects HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + county
        + "\r\nX-Big: " + "b".repeat(6000) + "\r\n\r\n");
    assertThat(bigHeader.status()).isEqualTo(431);
    assertThat(bigHeader.header("content-type")).startsWith("application/problem+json");
    assertThat(bigHeader.body()).contains("\"status\":431");
    RawResponse garbage = raw("GET /api/projects HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n");
    assertThat(garbage.status()).isEqualTo(400);
    assertThat(garbage.header("content-type")).startsWith("application/problem+json");
    RawResponse unknown = raw("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.header("content-type")).startsWith("application/problem+json");
    assertProblem(send("GET", "/api/unknown", county, null), 404);
    RawResponse head = raw("HEAD /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(head.status()).isEqualTo(404);
    assertThat(head.body()).as("no body for HEAD").isEmpty();
    assertThat(send("GET", "/api/projects?q=" + "a".repeat(2500), county, null).status()).as("within the limits").isEqualTo(200);
  }

  HttpRequest chunked(String path, int bytes) {
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'x');
    java.io.InputStream body = new java.io.InputStream() {
      int left = bytes;

      @Override
      public int read() {
        if (left <= 0) return -1;
        left--;
        return 'x';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) return -1;
        int n = Math.min(len, Math.min(left, chunk.length));
        System.arraycopy(chunk, 0, b, off, n);
        left -= n;
        return n;
      }
    };
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token("TOWNSHIP")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(); // no length: sent chunked
  }

  Response sendRaw(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  record RawResponse(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  /** One request as bytes on a socket (what java.net.http refuses to send); reads until the server closes. */
  RawResponse raw(String request) throws Exception {
    try (var socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(15_000);
      String withClose = request.replaceFirst("\r\n", "\r\nConnection: close\r\n");
      socket.getOutputStream().write(withClose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      String text = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      String[] lines = text.substring(0, end).split("\r\n");
      Map<String, String> headers = new java.util.HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
      }
      String body = text.substring(end + 4);
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = dechunk(body);
      return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }
  }

  private static String dechunk(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      int eol = s.indexOf("\r\n", i);
      int size = Integer.parseInt(s.substring(i, eol).trim(), 16);
      if (size == 0) break;
      out.append(s, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
    return out.toString();
  }

  @Test
  void aClientOverItsRateGets429WithRetryAfterAndOthersDoNot() {
    String hasty = token("COUNTY");
    int limited = 0;
    Response last = null;
    long t0 = System.nanoTime();
    for (int i = 0; i < 40; i++) {
      Response r = send("GET", "/api/villages/CG001", hasty, null);
      if (r.status() == 429) {
        limited++;
        last = r;
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    // at most the burst (10) plus what refills at 5/s may pass
    assertThat(40 - limited).isLessThanOrEqualTo(10 + (int) Math.ceil(5 * seconds) + 1);
    assertThat(limited).isGreaterThan(0);
    assertProblem(last, 429);
    assertThat(last.header("Retry-After")).isNotBlank();
    assertThat(send("GET", "/api/villages/CG001", token("COUNTY"), null).status()).as("another client").isNotEqualTo(429);
    await().atMost(Duration.ofSeconds(15)).until(() -> send("GET", "/api/villages/CG001", token("COUNTY"), null).status() == 200);
  }

  @Test
  void aHangingBackendOpensTheBreakerThenCallsFailFastAndItRecovers() {
    FUNDS.mode(Backend.Mode.HANG);
    String t = token("TOWNSHIP");
    for (int i = 0; i < 5; i++) {
      Response r = send("POST", "/api/funds", t, "{}");
      assertProblem(r, 503); // POST gets the fallback too
      assertThat(r.header("Retry-After")).isNotBlank();
      assertOutcomeUnknown(r);
    }
    long t0 = System.nanoTime();
    Response fast = send("GET", "/api/funds", token("COUNTY"), null);
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertProblem(fast, 503);
    assertThat(fast.json().path("type").asString()).endsWith("/service-unavailable");
    assertThat(fast.json().path("detail").asString()).contains("is unavailable").contains("retry after")
        .doesNotContain("outcome");
    assertThat(fast.header("Retry-After")).isNotBlank();
    assertThat(millis).as("an open breaker answers at once, far below the %s time limit", TIME_LIMIT)
        .isLessThan(TIME_LIMIT.toMillis() / 4);
    FUNDS.mode(Backend.Mode.ECHO);
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
        .until(() -> send("GET", "/api/funds", token("COUNTY"), null).status() == 200);
  }

  @Test
  void backend502sOpenTheBreaker() {
    REPORTING.mode(Backend.Mode.FAIL_502);
    String t = token("COUNTY");
    for (int i = 0; i < 6; i++) send("GET", "/api/stats/overview", t, null);
    int calls = REPORTING.calls.get();
    Response r = send("GET", "/api/stats/overview", t, null);
    assertProblem(r, 503);
    assertThat(REPORTING.calls.get()).as("open: the backend is not called").isEqualTo(calls);
    REPORTING.mode(Backend.Mode.ECHO);
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
        .until(() -> send("GET", "/api/stats/overview", t, null).status() == 200);
  }

  @Test
  void oneCallersBadRequestsNeverOpenTheBreakerForAnother() {
    String poisoner = token("TOWNSHIP");
    String county = token("COUNTY");
    int before = PROJECT.calls.get();
    int sent = 0;
    for (int round = 0; round < 4; round++) {
      for (int status : List.of(400, 415, 500)) {
        assertThat(unlimited("GET", "/api/projects?villageCode=x&poison=" + status, poisoner, null).status())
            .as("the service's answer passes through, never a 503").isEqualTo(status);
        assertThat(unlimited("POST", "/api/projects?poison=" + status, poisoner, "{}").status()).isEqualTo(status);
        sent += 2;
      }
    }
    assertThat(PROJECT.calls.get() - before).as("every poison request reached the service: the breaker stayed closed")
        .isEqualTo(sent);
    Response good = send("GET", "/api/projects?size=1", county, null);
    assertThat(good.status()).as(good.body()).isEqualTo(200);
    assertThat(good.json().path("service").asString()).isEqualTo("project");
  }

  /** One caller's request, waiting out its rate limit (5/s here) instead of counting a 429. */
  Response unlimited(String method, String path, String token, String body) {
    Response[] last = new Response[1];
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> (last[0] = send(method, path, token, body)).status() != 429);
    return last[0];
  }

  @Test
  void mediaTypesPassThroughToTheService() {
    for (String type : List.of("*/*", "text/plain", "application/xml", "application/json;charset=latin-7", "nonsense")) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/needs"))
          .header("Authorization", "Bearer " + token("TOWNSHIP")).header("Content-Type", type)
          .POST(HttpRequest.BodyPublishers.ofString("{}"));
      Response r = sendRaw(b.build());
      assertThat(r.status()).as(type + " " + r.body()).isEqualTo(200);
      assertThat(r.json().path("contentType").asString()).isEqualTo(type);
    }
  }

  @Test
  void manyConcurrentCallsToASlowBackendAllPass() throws Exception {
    PARTNERSHIP.mode(Backend.Mode.SLOW);
    int clients = 60; // above Spring Cloud CircuitBreaker's default bulkhead of 25, below ours
    var pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
    try {
      var start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
      for (int i = 0; i < clients; i++) {
        statuses.add(pool.submit(() -> {
          start.await();
          return send("POST", "/api/needs", token("TOWNSHIP"), "{}").status();
        }));
      }
      start.countDown();
      List<Integer> got = new java.util.ArrayList<>();
      for (var f : statuses) got.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
      assertThat(got).as("every concurrent call reaches the backend; none is shed as 503").containsOnly(200);
    } finally {
      pool.shutdownNow();
      PARTNERSHIP.mode(Backend.Mode.ECHO);
    }
  }

  @Test
  void getIsRetriedButPostIsNot() {
    PROJECT.stop();
    String t = token("TOWNSHIP");
    Response refused = send("POST", "/api/projects", t, "{}");
    assertProblem(refused, 503);
    assertOutcomeUnknown(refused);
    PROJECT.start();
    PROJECT.mode(Backend.Mode.FAIL_500);
    int before = PROJECT.calls.get();
    send("POST", "/api/projects", t, "{}");
    assertThat(PROJECT.calls.get() - before).as("POST is sent once").isEqualTo(1);
    PROJECT.mode(Backend.Mode.ECHO);
  }

  @Test
  void healthAggregatesTheServicesAndDocsArePublic() {
    Response up = send("GET", "/actuator/health", null, null);
    assertThat(up.status()).isEqualTo(200);
    assertThat(up.body()).contains("partnershipService").contains("reportingService").contains("identityService").contains("importService");
    PROJECT.stop();
    Response down = send("GET", "/actuator/health", null, null);
    assertThat(down.status()).isEqualTo(503);
    PROJECT.start();
    assertThat(send("GET", "/actuator/env", null, null).status()).isIn(401, 404);
    Response doc = send("GET", "/openapi/partnership", null, null);
    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.json().path("path").asString()).isEqualTo("/v3/api-docs");
    assertThat(send("GET", "/swagger-ui.html", null, null).status()).isIn(200, 302);
  }
}
