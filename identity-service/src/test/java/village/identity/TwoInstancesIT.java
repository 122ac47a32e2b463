package village.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;
import village.devstack.Api;
import village.devstack.RealInfrastructure;
import village.identity.IdentityServiceIT.Pkce;

/**
 * Two identity-service instances on one MongoDB (mongo-java-server through the real driver), as behind a load balancer
 * without cookie affinity: a sign-in begun on one continues on the other (the sign-in page's session, its CSRF token
 * and the waiting authorization request are in MongoDB), the code one issues is exchanged at the other, the tokens
 * verify through either's JWKS; signing out on one ends the sign-in on both; a session outlives a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {
  static final String ISSUER = "http://id.village.test";
  static final String SESSION_COOKIE = "IDENTITY_SESSION";
  final Map<String, String> properties = new LinkedHashMap<>();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final List<ConfigurableApplicationContext> running = new ArrayList<>();
  Path data;
  MongoClient mongo;
  MongoCollection<Document> sessions;
  String a;
  String b;
  String adminPassword = "Zwei-Instanzen-2026";

  record Tokens(String access, String refresh, String id) {}

  @BeforeAll
  void twoInstances() throws IOException {
    data = Files.createTempDirectory("identity-two-");
    String database = "t_identity_two_" + Long.toHexString(new SecureRandom().nextLong() & 0xffffffL);
    properties.put("village.mongodb.uri", RealInfrastructure.mongoUri());
    properties.put("village.mongodb.database", database);
    properties.put("village.identity.issuer", ISSUER); // one issuer for both, as behind one public address
    properties.put("village.identity.gateway.client-secret", IdentityServiceIT.GATEWAY_SECRET);
    properties.put("village.identity.gateway.redirect-uris", IdentityServiceIT.REDIRECT);
    properties.put("village.identity.admin-password-file", data.resolve("admin-password").toString());
    properties.put("village.identity.key-file", data.resolve("identity-signing-key.json").toString());
    properties.put("village.identity.partnership-service-url", "http://127.0.0.1:9"); // not asked in these tests
    properties.put("server.port", "0");
    mongo = MongoClients.create(RealInfrastructure.mongoUri());
    sessions = mongo.getDatabase(database).getCollection("sessions");
    a = start();
    b = start();
  }

  @AfterAll
  void stop() {
    running.forEach(ConfigurableApplicationContext::close);
    if (mongo != null) mongo.close();
  }

  String start() {
    List<String> args = new ArrayList<>();
    properties.forEach((k, v) -> args.add("--" + k + "=" + v));
    ConfigurableApplicationContext c = new SpringApplicationBuilder(IdentityServiceApplication.class).run(args.toArray(String[]::new));
    running.add(c);
    return "http://127.0.0.1:" + ((WebServerApplicationContext) c).getWebServer().getPort();
  }

  /** Stops the instance at {@code base} and starts it again (on another port); its new address. */
  String restart(String base) {
    ConfigurableApplicationContext c = running.stream()
        .filter(x -> base.endsWith(":" + ((WebServerApplicationContext) x).getWebServer().getPort())).findFirst().orElseThrow();
    c.close();
    running.remove(c);
    return start();
  }

  @Test
  @Order(1)
  void aSignInBegunOnOneInstanceFinishesOnTheOther() throws IOException {
    String first = Files.readString(data.resolve("admin-password")).strip();
    Browser onA = new Browser(a);
    Browser onB = onA.on(b);
    Pkce pkce = new Pkce();

    // A: the authorization request waits in the session, the sign-in page's CSRF token too
    HttpResponse<String> authorize = onA.get(authorizeUrl(pkce, "two-1"));
    assertThat(authorize.statusCode()).isEqualTo(302);
    assertThat(Browser.location(authorize)).endsWith("/login");
    String form = Browser.csrf(onA.get("/login").body());
    String begun = onA.cookie(SESSION_COOKIE);
    assertThat(begun).isNotNull();
    assertThat(sessions.countDocuments(new Document("_id", sessionId(begun)))).isEqualTo(1);

    // B: the form is posted with A's session cookie (and A's CSRF token)
    HttpResponse<String> signedIn = onB.post("/login", Map.of("username", "admin", "password", first, "_csrf", form));
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
    assertThat(Browser.location(signedIn)).endsWith("/change-password");
    String after = onB.cookie(SESSION_COOKIE);
    assertThat(after).as("a new session id at sign-in").isNotEqualTo(begun);
    assertThat(sessions.countDocuments(new Document("_id", sessionId(begun)))).as("the old id is gone").isZero();

    // the change-password page from B, its form posted to A; the waiting authorization request continues on B
    String changeForm = Browser.csrf(onB.get("/change-password").body());
    HttpResponse<String> changed = onA.post("/change-password",
        Map.of("current", first, "newPassword", adminPassword, "confirm", adminPassword, "_csrf", changeForm));
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(302);
    String continueAt = pathAndQuery(Browser.location(changed));
    assertThat(continueAt).startsWith("/oauth2/authorize").contains("state=two-1");
    String code = IdentityServiceIT.code(onB.get(continueAt), "two-1");

    // B's code exchanged at A; the tokens verify through the JWKS of either instance
    Tokens tokens = exchange(a, code, pkce);
    for (String instance : List.of(a, b)) {
      Jwt access = jwks(instance).decode(tokens.access());
      assertThat(access.getSubject()).isEqualTo("admin");
      assertThat(access.getClaimAsStringList("roles")).containsExactly("COUNTY");
      assertThat(access.getIssuer().toString()).isEqualTo(ISSUER);
      assertThat(jwks(instance).decode(tokens.id()).getClaimAsString("preferred_username")).isEqualTo("admin");
      assertThat(new Api(port(instance)).get("/api/users/me", tokens.access()).status()).isEqualTo(200);
    }
  }

  @Test
  @Order(2)
  void signingOutOnOneInstanceEndsTheSignInOnTheOther() {
    Browser onA = new Browser(a);
    Browser onB = onA.on(b);
    Tokens t = signIn(onA, "admin", adminPassword);
    // signed in: B gives a code at once
    Pkce again = new Pkce();
    assertThat(Browser.location(onB.get(authorizeUrl(again, "two-2")))).startsWith(IdentityServiceIT.REDIRECT);

    HttpResponse<String> out = onB.get("/connect/logout?id_token_hint=" + t.id() + "&post_logout_redirect_uri="
        + URLEncoder.encode("http://localhost:8080/", StandardCharsets.UTF_8));
    assertThat(out.statusCode()).as(out.body()).isEqualTo(302);
    assertThat(Browser.location(onA.get(authorizeUrl(new Pkce(), "two-3")))).endsWith("/login");
  }

  @Test
  @Order(3)
  void sessionsOutliveARestartOfTheirInstance() {
    // one browser half-way (the sign-in page shown), one signed in, both on B
    Browser halfWay = new Browser(b);
    Pkce pkce = new Pkce();
    assertThat(Browser.location(halfWay.get(authorizeUrl(pkce, "two-4")))).endsWith("/login");
    String form = Browser.csrf(halfWay.get("/login").body());
    Browser signedIn = new Browser(b);
    signIn(signedIn, "admin", adminPassword);

    String restarted = restart(b);
    b = restarted;

    HttpResponse<String> posted = halfWay.on(restarted).post("/login", Map.of("username", "admin", "password", adminPassword, "_csrf", form));
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
    String continueAt = pathAndQuery(Browser.location(posted));
    assertThat(continueAt).startsWith("/oauth2/authorize").contains("state=two-4");
    Tokens tokens = exchange(restarted, IdentityServiceIT.code(halfWay.on(restarted).get(continueAt), "two-4"), pkce);
    assertThat(jwks(restarted).decode(tokens.access()).getSubject()).isEqualTo("admin");

    Pkce next = new Pkce();
    String code = IdentityServiceIT.code(signedIn.on(restarted).get(authorizeUrl(next, "two-5")), "two-5");
    assertThat(jwks(a).decode(exchange(restarted, code, next).access()).getSubject()).isEqualTo("admin");
  }

  // --- helpers

  Tokens signIn(Browser browser, String username, String password) {
    Pkce pkce = new Pkce();
    assertThat(Browser.location(browser.get(authorizeUrl(pkce, "st")))).endsWith("/login");
    HttpResponse<String> signedIn = browser.submit("/login", "/login", Map.of("username", username, "password", password));
    return exchange(a, IdentityServiceIT.code(browser.get(pathAndQuery(Browser.location(signedIn))), "st"), pkce);
  }

  static String authorizeUrl(Pkce pkce, String state) {
    return "/oauth2/authorize?response_type=code&client_id=gateway&scope=" + URLEncoder.encode("openid profile", StandardCharsets.UTF_8)
        + "&redirect_uri=" + URLEncoder.encode(IdentityServiceIT.REDIRECT, StandardCharsets.UTF_8) + "&state=" + state
        + "&nonce=n-" + state + "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256";
  }

  /** The session id in the cookie (Spring Session's cookie carries it Base64-encoded). */
  static String sessionId(String cookie) {
    return new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
  }

  static String pathAndQuery(String url) {
    URI u = URI.create(url);
    return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
  }

  static int port(String base) {
    return URI.create(base).getPort();
  }

  static NimbusJwtDecoder jwks(String base) {
    return NimbusJwtDecoder.withJwkSetUri(base + "/oauth2/jwks").build();
  }

  Tokens exchange(String base, String code, Pkce pkce) {
    Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code,
        "redirect_uri", IdentityServiceIT.REDIRECT, "code_verifier", pkce.verifier()));
    String basic = Base64.getEncoder().encodeToString(("gateway:" + IdentityServiceIT.GATEWAY_SECRET).getBytes(StandardCharsets.UTF_8));
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token")).header("Authorization", "Basic " + basic)
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(Browser.encode(form)))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode t = Api.JSON.readTree(r.body());
      return new Tokens(t.path("access_token").asString(), t.path("refresh_token").asString(), t.path("id_token").asString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
