package village.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import village.devstack.Api;
import village.devstack.RealInfrastructure;

/**
 * identity-service against a real mongo-java-server (dev-stack): discovery, the browser's authorization code flow with
 * PKCE (sign-in form, CSRF, first-start password change), the tokens' claims verified through the JWKS, refresh,
 * client credentials, lockout and unlock, who may create whom, keys across a restart and a rotation. (Only MongoDB from
 * {@link RealInfrastructure}: identity writes no events, so no Kafka broker is started.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityServiceIT {
  static final String GATEWAY_SECRET = "gateway-test-secret-0123456789";
  static final String REDIRECT = "http://127.0.0.1:18080/login/oauth2/code/identity";
  static final PartnershipStub PARTNERSHIPS = new PartnershipStub()
      .organization("org-cgz", "城关镇").organization("org-elsewhere", "东关镇");
  static final Path DATA;
  static final Map<String, String> PROPERTIES = new LinkedHashMap<>();

  static {
    try {
      DATA = Files.createTempDirectory("identity-it-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    PROPERTIES.put("village.mongodb.uri", RealInfrastructure.mongoUri());
    PROPERTIES.put("village.mongodb.database", "t_identity_" + Long.toHexString(new SecureRandom().nextLong() & 0xffffffL));
    PROPERTIES.put("village.identity.issuer", "");
    PROPERTIES.put("village.identity.gateway.client-secret", GATEWAY_SECRET);
    PROPERTIES.put("village.identity.gateway.redirect-uris", REDIRECT);
    PROPERTIES.put("village.identity.admin-password-file", DATA.resolve("admin-password").toString());
    PROPERTIES.put("village.identity.key-file", DATA.resolve("identity-signing-key.json").toString());
    PROPERTIES.put("village.identity.partnership-service-url", PARTNERSHIPS.url());
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    PROPERTIES.forEach((k, v) -> r.add(k, () -> v));
  }

  @LocalServerPort int port;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  String adminToken;
  String adminPassword = "Neues-Passwort-2026";
  Tokens adminTokens;

  record Tokens(String access, String refresh, String id) {}

  String base() {
    return "http://127.0.0.1:" + port;
  }

  Api api() {
    return new Api(port);
  }

  @AfterAll
  void stopStub() {
    PARTNERSHIPS.close();
  }

  @Test
  @Order(1)
  void discoveryAnswers() {
    JsonNode d = api().get("/.well-known/openid-configuration", null).json();
    assertThat(d.path("issuer").asString()).isEqualTo(base());
    assertThat(d.path("jwks_uri").asString()).isEqualTo(base() + "/oauth2/jwks");
    assertThat(d.path("authorization_endpoint").asString()).endsWith("/oauth2/authorize");
    assertThat(d.path("token_endpoint").asString()).endsWith("/oauth2/token");
    assertThat(d.path("end_session_endpoint").asString()).endsWith("/connect/logout");
    assertThat(d.path("userinfo_endpoint").asString()).endsWith("/userinfo");
    assertThat(strings(d.path("grant_types_supported"))).contains("authorization_code", "refresh_token", "client_credentials");
    assertThat(strings(d.path("code_challenge_methods_supported"))).contains("S256");
    assertThat(strings(d.path("id_token_signing_alg_values_supported"))).contains("RS256");
    JsonNode jwks = api().get("/oauth2/jwks", null).json();
    assertThat(jwks.path("keys")).hasSize(1);
    assertThat(jwks.path("keys").get(0).path("kty").asString()).isEqualTo("RSA");
    assertThat(jwks.path("keys").get(0).has("d")).as("no private part in the JWKS").isFalse();
  }

  @Test
  @Order(2)
  void firstStartAdministratorSignsInChangesPasswordAndGetsTokens() throws Exception {
    Path file = DATA.resolve("admin-password");
    assertThat(file).exists();
    assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    String first = Files.readString(file).strip();

    Browser browser = new Browser(base());
    Pkce pkce = new Pkce();
    HttpResponse<String> authorize = browser.get(authorizeUrl(pkce, "state-1"));
    assertThat(authorize.statusCode()).isEqualTo(302);
    assertThat(Browser.location(authorize)).endsWith("/login");
    HttpResponse<String> loginPage = browser.get("/login");
    assertThat(loginPage.body()).contains("<html lang=\"zh-CN\"", "<label for=\"username\">用户名</label>", "<label for=\"password\">密码</label>");

    // the sign-in form without its CSRF token is refused
    HttpResponse<String> noCsrf = browser.post("/login", Map.of("username", "admin", "password", first));
    assertThat(noCsrf.statusCode()).isEqualTo(403);

    HttpResponse<String> signedIn = browser.submit("/login", "/login", Map.of("username", "admin", "password", first));
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(Browser.location(signedIn)).endsWith("/change-password");

    // no code before the password is changed
    HttpResponse<String> again = browser.get(authorizeUrl(pkce, "state-1"));
    assertThat(Browser.location(again)).endsWith("/change-password");

    HttpResponse<String> weak = browser.submit("/change-password", "/change-password",
        Map.of("current", first, "newPassword", "short", "confirm", "short"));
    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(weak.body()).contains("至少 10 个字符");

    HttpResponse<String> changed = browser.submit("/change-password", "/change-password",
        Map.of("current", first, "newPassword", adminPassword, "confirm", adminPassword));
    assertThat(changed.statusCode()).isEqualTo(302);
    String continueAt = Browser.location(changed);
    assertThat(continueAt).contains("/oauth2/authorize");

    Tokens tokens = exchange(code(browser.get(continueAt), "state-1"), pkce);
    adminTokens = tokens;
    adminToken = tokens.access();

    Jwt access = jwks().decode(tokens.access());
    assertThat(access.getSubject()).isEqualTo("admin");
    assertThat(access.getClaimAsStringList("roles")).containsExactly("COUNTY");
    assertThat(access.getClaimAsString("name")).isEqualTo("Administrator");
    assertThat(access.getIssuer().toString()).isEqualTo(base());
    Jwt id = jwks().decode(tokens.id());
    assertThat(id.getClaimAsString("preferred_username")).isEqualTo("admin");
    assertThat(id.getClaimAsStringList("roles")).containsExactly("COUNTY");
    assertThat(id.getAudience()).containsExactly("gateway");

    JsonNode userInfo = api().get("/userinfo", tokens.access()).json();
    assertThat(userInfo.path("sub").asString()).isEqualTo("admin");
    assertThat(userInfo.path("preferred_username").asString()).isEqualTo("admin");
    assertThat(strings(userInfo.path("roles"))).containsExactly("COUNTY");

    JsonNode me = api().get("/api/users/me", tokens.access()).json();
    assertThat(me.path("mustChangePassword").asBoolean()).isFalse();
    assertThat(me.path("role").asString()).isEqualTo("COUNTY");
  }

  @Test
  @Order(3)
  void refreshGivesANewAccessToken() {
    HttpResponse<String> r = token(Map.of("grant_type", "refresh_token", "refresh_token", adminTokens.refresh()), "gateway", GATEWAY_SECRET);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode t = Api.JSON.readTree(r.body());
    Jwt access = jwks().decode(t.path("access_token").asString());
    assertThat(access.getSubject()).isEqualTo("admin");
    assertThat(access.getClaimAsStringList("roles")).containsExactly("COUNTY");
    assertThat(t.path("refresh_token").asString()).isNotEqualTo(adminTokens.refresh());
    // the old refresh token was replaced (rotation)
    HttpResponse<String> reuse = token(Map.of("grant_type", "refresh_token", "refresh_token", adminTokens.refresh()), "gateway", GATEWAY_SECRET);
    assertThat(reuse.statusCode()).isEqualTo(400);
    adminTokens = new Tokens(access.getTokenValue(), t.path("refresh_token").asString(), adminTokens.id());
    adminToken = access.getTokenValue();
  }

  @Test
  @Order(4)
  void countyCreatesATownshipAccountWhichManagesOrganizationAccountsOfItsTownshipOnly() {
    Api.Response weakRole = api().post("/api/users", adminToken, Map.of("username", "org-direct", "displayName", "x",
        "role", "ORGANIZATION", "organizationId", "org-cgz"));
    assertThat(weakRole.status()).as("COUNTY does not manage ORGANIZATION accounts").isEqualTo(403);

    Api.Response created = api().post("/api/users", adminToken, Map.of("username", "cgz", "displayName", "城关镇管理员",
        "role", "TOWNSHIP", "township", "城关镇"));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String temporary = created.json().path("temporaryPassword").asString();
    assertThat(created.json().path("account").path("mustChangePassword").asBoolean()).isTrue();

    Tokens township = signIn("cgz", temporary, "Chengguan-2026!");
    Jwt access = jwks().decode(township.access());
    assertThat(access.getClaimAsStringList("roles")).containsExactly("TOWNSHIP");
    assertThat(access.getClaimAsString("township")).isEqualTo("城关镇");
    assertThat(access.getClaimAsString("name")).isEqualTo("城关镇管理员");

    Api.Response county = api().post("/api/users", township.access(), Map.of("username", "sneaky", "displayName", "x", "role", "COUNTY"));
    assertThat(county.status()).isEqualTo(403);
    assertThat(county.header("Content-Type")).startsWith("application/problem+json");
    Api.Response raise = api().post("/api/users", township.access(), Map.of("username", "sneaky", "displayName", "x",
        "role", "TOWNSHIP", "township", "城关镇"));
    assertThat(raise.status()).isEqualTo(403);

    Api.Response elsewhere = api().post("/api/users", township.access(), Map.of("username", "org-else", "displayName", "x",
        "role", "ORGANIZATION", "organizationId", "org-elsewhere"));
    assertThat(elsewhere.status()).isEqualTo(403);
    Api.Response unknown = api().post("/api/users", township.access(), Map.of("username", "org-none", "displayName", "x",
        "role", "ORGANIZATION", "organizationId", "org-missing"));
    assertThat(unknown.status()).isEqualTo(422);

    Api.Response org = api().post("/api/users", township.access(), Map.of("username", "coop", "displayName", "合作社",
        "role", "ORGANIZATION", "organizationId", "org-cgz"));
    assertThat(org.status()).as(org.text()).isEqualTo(201);
    // identity asked partnership-service with a COUNTY token it signed itself, verifiable through its JWKS
    Jwt service = jwks().decode(PARTNERSHIPS.lastAuthorization.substring("Bearer ".length()));
    assertThat(service.getClaimAsStringList("roles")).containsExactly("COUNTY");

    Tokens organization = signIn("coop", org.json().path("temporaryPassword").asString(), "Hezuoshe-2026!");
    Jwt orgAccess = jwks().decode(organization.access());
    assertThat(orgAccess.getClaimAsStringList("roles")).containsExactly("ORGANIZATION");
    assertThat(orgAccess.getClaimAsString("org")).isEqualTo("org-cgz");
    assertThat(orgAccess.getClaims()).doesNotContainKey("township");

    // the township lists the organization account; the organization may not manage accounts
    assertThat(api().get("/api/users", township.access()).json().path("items").findValuesAsString("username")).containsExactly("coop");
    assertThat(api().post("/api/users", organization.access(), Map.of("username", "xx1", "displayName", "x", "role", "ORGANIZATION",
        "organizationId", "org-cgz")).status()).isEqualTo(403);
    Api.Response weak = api().post("/api/users/me/password", organization.access(), Map.of("current", "Hezuoshe-2026!", "newPassword", "abc"));
    assertThat(weak.status()).isEqualTo(400);
    assertThat(weak.text()).contains("at least 10 characters");
  }

  @Test
  @Order(5)
  void fiveWrongPasswordsLockAnAccountUntilAnAdministratorUnlocksIt() {
    Browser browser = new Browser(base());
    browser.language = "en";
    for (int i = 1; i <= 5; i++) {
      HttpResponse<String> wrong = browser.submit("/login", "/login", Map.of("username", "cgz", "password", "wrong-" + i));
      assertThat(Browser.location(wrong)).contains(i < 5 ? "error=bad" : "error=locked");
    }
    HttpResponse<String> right = browser.submit("/login", "/login", Map.of("username", "cgz", "password", "Chengguan-2026!"));
    assertThat(Browser.location(right)).contains("error=locked");
    assertThat(browser.get(Browser.location(right)).body()).contains("role=\"alert\"", "The account is locked");
    assertThat(api().get("/api/users/cgz", adminToken).json().path("locked").asBoolean()).isTrue();

    Api.Response unlocked = api().post("/api/users/cgz/unlock", adminToken, "");
    assertThat(unlocked.status()).as(unlocked.text()).isEqualTo(200);
    assertThat(unlocked.json().path("locked").asBoolean()).isFalse();
    HttpResponse<String> after = browser.submit("/login", "/login", Map.of("username", "cgz", "password", "Chengguan-2026!"));
    assertThat(Browser.location(after)).doesNotContain("error");

    // a reset by the administrator: a temporary password, to be changed at the next sign-in
    Api.Response reset = api().post("/api/users/cgz/password-reset", adminToken, "");
    assertThat(reset.status()).as(reset.text()).isEqualTo(200);
    assertThat(reset.json().path("account").path("mustChangePassword").asBoolean()).isTrue();
    signIn("cgz", reset.json().path("temporaryPassword").asString(), "Chengguan-2026!");
    assertThat(api().post("/api/users/admin/password-reset", adminToken, "").status()).as("not one's own").isEqualTo(403);

    List<String> actions = api().get("/api/users/cgz/history", adminToken).json().path("items").findValuesAsString("action");
    assertThat(actions).containsSubsequence("CREATED", "PASSWORD_CHANGED", "LOCKED", "UNLOCKED", "PASSWORD_RESET", "PASSWORD_CHANGED");
  }

  @Test
  @Order(6)
  void aRegisteredClientGetsTokensWithItsRoleUntilDisabled() {
    Api.Response registered = api().post("/api/clients", adminToken, Map.of("name", "county data warehouse", "role", "COUNTY"));
    assertThat(registered.status()).as(registered.text()).isEqualTo(201);
    String clientId = registered.json().path("clientId").asString();
    String secret = registered.json().path("clientSecret").asString();
    assertThat(api().get("/api/clients", adminToken).text()).doesNotContain(secret);

    HttpResponse<String> r = token(Map.of("grant_type", "client_credentials"), clientId, secret);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Jwt access = jwks().decode(Api.JSON.readTree(r.body()).path("access_token").asString());
    assertThat(access.getSubject()).isEqualTo(clientId);
    assertThat(access.getClaimAsStringList("roles")).containsExactly("COUNTY");
    assertThat(access.getClaimAsString("name")).isEqualTo("county data warehouse");

    assertThat(token(Map.of("grant_type", "client_credentials"), clientId, "wrong").statusCode()).isEqualTo(401);
    assertThat(api().post("/api/clients/" + clientId + "/disable", adminToken, "").status()).isEqualTo(200);
    assertThat(token(Map.of("grant_type", "client_credentials"), clientId, secret).statusCode()).isEqualTo(401);
  }

  @Test
  @Order(7)
  void keysSurviveARestartAndRotationKeepsTheOldKeyInTheJwks() throws Exception {
    String kid = kids().getFirst();
    String before = JWSObject.parse(adminToken).getHeader().getKeyID();
    assertThat(before).isEqualTo(kid);
    assertKeyFile(kid);

    List<String> args = new ArrayList<>();
    PROPERTIES.forEach((k, v) -> args.add("--" + k + "=" + v));
    args.add("--server.port=0");
    try (ConfigurableApplicationContext second = new SpringApplicationBuilder(IdentityServiceApplication.class).run(args.toArray(String[]::new))) {
      int secondPort = ((org.springframework.boot.web.server.context.WebServerApplicationContext) second).getWebServer().getPort();
      JsonNode jwks = new Api(secondPort).get("/oauth2/jwks", null).json();
      assertThat(jwks.path("keys").findValuesAsString("kid")).containsExactly(kid);
      // a token from the first instance is accepted by the second
      assertThat(new Api(secondPort).get("/api/users/me", adminToken).status()).isEqualTo(200);
    }

    Api.Response rotated = api().post("/api/identity/keys/rotate", adminToken, "");
    assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
    String fresh = rotated.json().path("kid").asString();
    assertThat(fresh).isNotEqualTo(kid);
    assertThat(kids()).containsExactly(fresh, kid);
    assertKeyFile(fresh);
    // the old key's token still verifies; new tokens are signed with the new key
    assertThat(jwks().decode(adminToken).getSubject()).isEqualTo("admin");
    HttpResponse<String> refreshed = token(Map.of("grant_type", "refresh_token", "refresh_token", adminTokens.refresh()), "gateway", GATEWAY_SECRET);
    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    String newToken = Api.JSON.readTree(refreshed.body()).path("access_token").asString();
    assertThat(JWSObject.parse(newToken).getHeader().getKeyID()).isEqualTo(fresh);
    assertThat(api().get("/api/users/me", newToken).status()).isEqualTo(200);

    Api.Response townshipRotates = api().post("/api/identity/keys/rotate", signIn("cgz", "Chengguan-2026!", null).access(), "");
    assertThat(townshipRotates.status()).isEqualTo(403);
  }

  @Test
  @Order(8)
  void rpInitiatedLogoutRedirectsToTheGateway() {
    Browser browser = new Browser(base());
    Tokens t = signInWith(browser, "admin", adminPassword, null);
    HttpResponse<String> out = browser.get("/connect/logout?id_token_hint=" + t.id() + "&post_logout_redirect_uri="
        + URLEncoder.encode("http://localhost:8080/", StandardCharsets.UTF_8) + "&state=bye");
    assertThat(out.statusCode()).as(out.body()).isEqualTo(302);
    assertThat(Browser.location(out)).startsWith("http://localhost:8080/").contains("state=bye");
    assertThat(Browser.location(browser.get(authorizeUrl(new Pkce(), "s")))).endsWith("/login");
  }

  @Test
  @Order(9)
  void theApiNeedsAToken() {
    Api.Response r = api().get("/api/users", null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(api().get("/api/users", "not-a-token").status()).isEqualTo(401);
    assertThat(api().get("/actuator/health", null).status()).isEqualTo(200);
    Api.Response doc = api().get("/v3/api-docs", null);
    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.text()).contains("\"createUser\"", "\"registerClient\"", "\"rotateSigningKey\"", "\"resetUserPassword\"")
        .doesNotContain("/change-password");
  }

  // --- helpers

  void assertKeyFile(String kid) throws Exception {
    Path file = DATA.resolve("identity-signing-key.json");
    assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    JsonNode jwk = Api.JSON.readTree(Files.readString(file));
    assertThat(jwk.path("kid").asString()).isEqualTo(kid);
    assertThat(jwk.path("alg").asString()).isEqualTo("RS256");
    assertThat(jwk.has("d")).isTrue();
  }

  List<String> kids() {
    return api().get("/oauth2/jwks", null).json().path("keys").findValuesAsString("kid");
  }

  NimbusJwtDecoder jwks() {
    return NimbusJwtDecoder.withJwkSetUri(base() + "/oauth2/jwks").build();
  }

  Tokens signIn(String username, String password, String newPassword) {
    return signInWith(new Browser(base()), username, password, newPassword);
  }

  /** The whole browser flow; {@code newPassword}: the password change the first sign-in asks for. */
  Tokens signInWith(Browser browser, String username, String password, String newPassword) {
    Pkce pkce = new Pkce();
    assertThat(Browser.location(browser.get(authorizeUrl(pkce, "st")))).endsWith("/login");
    HttpResponse<String> signedIn = browser.submit("/login", "/login", Map.of("username", username, "password", password));
    String next = Browser.location(signedIn);
    if (newPassword != null) {
      assertThat(next).endsWith("/change-password");
      next = Browser.location(browser.submit("/change-password", "/change-password",
          Map.of("current", password, "newPassword", newPassword, "confirm", newPassword)));
    }
    return exchange(code(browser.get(next), "st"), pkce);
  }

  String authorizeUrl(Pkce pkce, String state) {
    return "/oauth2/authorize?response_type=code&client_id=gateway&scope=" + URLEncoder.encode("openid profile", StandardCharsets.UTF_8)
        + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&state=" + state
        + "&nonce=n-" + state + "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256";
  }

  static String code(HttpResponse<String> authorized, String state) {
    assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(302);
    URI to = URI.create(Browser.location(authorized));
    assertThat(to.toString()).startsWith(REDIRECT);
    Map<String, String> q = new HashMap<>();
    for (String p : to.getRawQuery().split("&")) {
      String[] kv = p.split("=", 2);
      q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    assertThat(q.get("state")).isEqualTo(state);
    return q.get("code");
  }

  Tokens exchange(String code, Pkce pkce) {
    // without the verifier the code is refused
    Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT));
    form.put("code_verifier", pkce.verifier());
    HttpResponse<String> r = token(form, "gateway", GATEWAY_SECRET);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode t = Api.JSON.readTree(r.body());
    return new Tokens(t.path("access_token").asString(), t.path("refresh_token").asString(), t.path("id_token").asString());
  }

  HttpResponse<String> token(Map<String, String> form, String clientId, String secret) {
    String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    try {
      return http.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token")).header("Authorization", "Basic " + basic)
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(Browser.encode(form)))
          .build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  /** RFC 7636: a random verifier and its S256 challenge. */
  record Pkce(String verifier, String challenge) {
    Pkce() {
      this(newVerifier());
    }

    Pkce(String verifier) {
      this(verifier, s256(verifier));
    }

    static String newVerifier() {
      byte[] b = new byte[32];
      new SecureRandom().nextBytes(b);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String s256(String verifier) {
      try {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

}
