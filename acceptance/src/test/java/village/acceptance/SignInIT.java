package village.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 18's "Done when", as a person and a machine would do it against the running system: the browser is sent
 * from the console to the sign-in page, the first administrator signs in with the password the first start wrote
 * and must change it, and the session then reads the statistics through the gateway; a TOWNSHIP account the
 * administrator creates writes only its township, an ORGANIZATION account only its organization; a
 * client-credentials client reads statistics and cannot write; five wrong passwords lock an account;
 * {@code ./village token COUNTY} still gives a working token.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String NEW_ADMIN_PASSWORD = "Pw-" + UUID.randomUUID() + "-Zz9";
  private static RunningSystem system;
  private static String gateway;
  private static String identity;
  private static Browser admin;
  private static String township;
  private static String townshipUser;
  private static String townshipPassword;

  @BeforeAll
  static void theSystem() {
    system = RunningSystem.get();
    if (!system.startedHere() && System.getenv("VILLAGE_DATA_DIR") == null) {
      // never skipped: against a system started elsewhere it needs that system's data folder (the first password)
      throw new IllegalStateException("SignInIT against a running system needs its VILLAGE_DATA_DIR (admin-password)");
    }
    gateway = "http://localhost:" + system.port("GATEWAY_PORT");
    identity = "http://localhost:" + system.port("IDENTITY_PORT");
    township = "登录镇" + UUID.randomUUID().toString().substring(0, 5);
  }

  @Test
  @Order(1)
  void discoveryAnswers() {
    Browser b = new Browser();
    Browser.Page d = b.open(identity + "/.well-known/openid-configuration");
    assertThat(d.status()).isEqualTo(200);
    JsonNode doc = JSON.readTree(d.body());
    assertThat(doc.path("issuer").asString()).isEqualTo(identity);
    assertThat(doc.path("jwks_uri").asString()).isNotBlank();
    assertThat(doc.path("code_challenge_methods_supported").toString()).contains("S256");
    assertThat(doc.path("grant_types_supported").toString()).contains("authorization_code", "refresh_token", "client_credentials");
    assertThat(doc.path("end_session_endpoint").asString()).isNotBlank();
  }

  @Test
  @Order(2)
  void theAdministratorSignsInChangesThePasswordAndReadsTheStatistics() throws Exception {
    String firstPassword = Files.readString(system.dataDir().resolve("admin-password"), StandardCharsets.UTF_8).trim();
    admin = new Browser();
    HttpResponse<String> before = admin.send("GET", gateway + "/api/stats/overview", null);
    assertThat(before.statusCode()).as("no session, no statistics").isEqualTo(401);

    Browser.Page login = admin.open(gateway + "/");
    assertThat(login.uri().toString()).as("the console sends the browser to the sign-in page").startsWith(identity + "/login");
    assertThat(login.body()).contains("name=\"username\"").contains("name=\"password\"");
    Browser.Page next = signIn(admin, login, "admin", firstPassword);
    assertThat(next.uri().getPath()).as("the first password must be changed").isEqualTo("/change-password");
    Browser.Page landed = changePassword(admin, next, firstPassword, NEW_ADMIN_PASSWORD);
    assertThat(landed.uri().toString()).as("back at the console: " + landed.status() + " " + landed.body()).startsWith(gateway + "/");
    assertThat(admin.cookie("localhost", "VILLAGE_SESSION")).isNotBlank();
    assertThat(landed.raw().headers().allValues("Set-Cookie").toString()).doesNotContain("access_token");

    HttpResponse<String> overview = admin.send("GET", gateway + "/api/stats/overview", null);
    assertThat(overview.statusCode()).as(overview.body()).isEqualTo(200);
    assertThat(JSON.readTree(overview.body()).has("villages")).isTrue();
    HttpResponse<String> session = admin.send("GET", gateway + "/session", null);
    assertThat(session.statusCode()).isIn(200, 404); // /session comes with the console
  }

  @Test
  @Order(3)
  void aTownshipAccountWritesOnlyItsOwnTownship() {
    JsonNode created = api(admin, "POST", "/api/users", Map.of("username", "clerk-" + UUID.randomUUID().toString().substring(0, 8),
        "displayName", "镇办事员", "role", "TOWNSHIP", "township", township), 201);
    townshipUser = created.path("account").path("username").asString();
    String temporary = created.path("temporaryPassword").asString();
    assertThat(temporary).isNotBlank();
    townshipPassword = "Pw-" + UUID.randomUUID() + "-Yy8";
    Browser clerk = signedIn(townshipUser, temporary, townshipPassword);

    api(clerk, "POST", "/api/villages", Map.of("code", "SI" + (100000 + (int) (Math.random() * 899999)), "name", "登录测试村",
        "kind", "VILLAGE", "township", township, "county", "安平县"), 201);
    api(clerk, "POST", "/api/villages", Map.of("code", "SX" + (100000 + (int) (Math.random() * 899999)), "name", "别镇的村",
        "kind", "VILLAGE", "township", "城关镇", "county", "安平县"), 403);
    // without the CSRF header a cookie write is refused, and nothing is written
    HttpResponse<String> noCsrf = clerk.send("POST", gateway + "/api/villages", "{}");
    assertThat(noCsrf.statusCode()).isEqualTo(403);
    assertThat(noCsrf.body()).contains("X-XSRF-TOKEN");
  }

  @Test
  @Order(4)
  void anOrganizationAccountWritesOnlyItsOwnOrganization() {
    Browser clerk = signedIn(townshipUser, townshipPassword, null);
    String village = "SO" + (100000 + (int) (Math.random() * 899999));
    api(clerk, "POST", "/api/villages", Map.of("code", village, "name", "结对村", "kind", "VILLAGE", "township", township,
        "county", "安平县"), 201);
    String own = api(clerk, "POST", "/api/organizations", Map.of("name", "登录测试企业", "type", "ENTERPRISE",
        "creditCode", CreditCodes.random()), 201).path("id").asString();
    String other = api(clerk, "POST", "/api/organizations", Map.of("name", "别的企业", "type", "ENTERPRISE",
        "creditCode", CreditCodes.random()), 201).path("id").asString();
    api(clerk, "POST", "/api/partnerships", Map.of("organizationId", own, "villageCode", village, "startDate", "2023-01-01"), 201);

    JsonNode created = api(clerk, "POST", "/api/users", Map.of("username", "org-" + UUID.randomUUID().toString().substring(0, 8),
        "displayName", "企业联络员", "role", "ORGANIZATION", "organizationId", own), 201);
    // nobody raises a role: a TOWNSHIP account cannot create a COUNTY one
    api(clerk, "POST", "/api/users", Map.of("username", "county-" + UUID.randomUUID().toString().substring(0, 8),
        "displayName", "想当县里的", "role", "COUNTY"), 403);
    Browser orgUser = signedIn(created.path("account").path("username").asString(),
        created.path("temporaryPassword").asString(), "Pw-" + UUID.randomUUID() + "-Xx7");
    api(orgUser, "POST", "/api/organizations/" + own + "/resources", Map.of("category", "INDUSTRY", "title", "技术指导"), 201);
    api(orgUser, "POST", "/api/organizations/" + other + "/resources", Map.of("category", "INDUSTRY", "title", "冒名"), 403);
    api(orgUser, "POST", "/api/villages", Map.of("code", "SZ" + (100000 + (int) (Math.random() * 899999)), "name", "x",
        "kind", "VILLAGE", "township", township, "county", "安平县"), 403);
  }

  @Test
  @Order(5)
  void aMachineClientReadsStatisticsAndCannotWrite() throws Exception {
    JsonNode client = api(admin, "POST", "/api/clients", Map.of("name", "县数据仓库", "role", "COUNTY"), 201);
    String id = client.path("clientId").asString();
    String secret = client.path("clientSecret").asString();
    assertThat(secret).isNotBlank();
    HttpResponse<String> token = formPost(identity + "/oauth2/token", id, secret);
    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    String access = JSON.readTree(token.body()).path("access_token").asString();
    Http.Response stats = system.http.get("/api/stats/overview", access);
    assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
    Http.Response write = system.http.post("/api/villages", access, Map.of("code", "SM000001", "name", "x", "kind", "VILLAGE",
        "township", township, "county", "安平县"), null);
    assertThat(write.status()).isEqualTo(403);
    // listed without its secret
    JsonNode listed = api(admin, "GET", "/api/clients/" + id, null, 200);
    assertThat(listed.toString()).doesNotContain(secret);
  }

  @Test
  @Order(6)
  void fiveWrongPasswordsLockTheAccount() {
    Browser b = new Browser();
    for (int i = 0; i < 5; i++) {
      Browser.Page login = b.open(gateway + "/");
      Browser.Page after = signIn(b, login, townshipUser, "wrong-" + i);
      assertThat(after.uri().getPath()).isEqualTo("/login");
    }
    Browser.Page login = b.open(gateway + "/");
    Browser.Page refused = signIn(b, login, townshipUser, townshipPassword);
    assertThat(refused.uri().getPath()).as("the right password no longer opens it").isEqualTo("/login");
    assertThat(refused.body()).contains("锁定");
    JsonNode account = api(admin, "GET", "/api/users/" + townshipUser, null, 200);
    assertThat(account.path("locked").asBoolean()).isTrue();
  }

  @Test
  @Order(7)
  void theLaunchersTokenStillWorks() throws Exception {
    int exit = system.village(Duration.ofMinutes(2), Map.of(), "token", "COUNTY");
    assertThat(exit).isZero();
    List<String> out = Files.readAllLines(system.villageLog("token", "COUNTY"));
    String token = out.get(out.size() - 1).trim();
    assertThat(system.http.get("/api/stats/overview", token).status()).isEqualTo(200);
  }

  @Test
  @Order(8)
  void signingOutEndsTheSessionAtTheGatewayAndAtTheProvider() {
    if (admin.cookie("localhost", "XSRF-TOKEN") == null) admin.send("GET", gateway + "/api/stats/overview?township=x", null);
    Browser.Page after = admin.submit(URI.create(gateway + "/logout"), Map.of("_csrf", admin.cookie("localhost", "XSRF-TOKEN")));
    assertThat(after.uri().toString()).as("signed out at the provider too: the console asks to sign in again")
        .startsWith(identity + "/login");
    assertThat(admin.send("GET", gateway + "/api/stats/overview", null).statusCode()).isEqualTo(401);
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private static Browser signedIn(String username, String password, String newPassword) {
    return Browser.signedIn(gateway, username, password, newPassword);
  }

  private static Browser.Page signIn(Browser b, Browser.Page login, String username, String password) {
    return b.signIn(login, username, password);
  }

  private static Browser.Page changePassword(Browser b, Browser.Page page, String current, String next) {
    return b.changePassword(page, current, next);
  }

  /** An API call with the browser's session; writes carry the CSRF header from the XSRF-TOKEN cookie. */
  private static JsonNode api(Browser b, String method, String path, Object body, int expected) {
    if (b.cookie("localhost", "XSRF-TOKEN") == null) b.send("GET", gateway + "/api/stats/overview?township=x", null);
    String xsrf = b.cookie("localhost", "XSRF-TOKEN");
    HttpResponse<String> r = b.send(method, gateway + path, body == null ? null : JSON.writeValueAsString(body),
        "X-XSRF-TOKEN", xsrf == null ? "" : xsrf);
    assertThat(r.statusCode()).as(method + " " + path + " → " + r.body()).isEqualTo(expected);
    return r.body() == null || r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
  }

  private static HttpResponse<String> formPost(String url, String id, String secret) throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    return http.send(java.net.http.HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
