package village.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import village.devstack.Api;
import village.devstack.LocalIssuer;

/** The real gateway serving the console jar: its page at / and at deep links, its assets, and GET /session. */
@SpringBootTest(webEnvironment = RANDOM_PORT)
class ConsoleServingIT {
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Value("${local.server.port}")
  int port;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("village.security.jwt.jwk-set-uri", () -> LocalIssuer.get().jwkSetUri());
  }

  HttpResponse<String> get(String path, String accept, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
    if (accept != null) b.header("Accept", accept);
    if (token != null) b.header("Authorization", "Bearer " + token);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void thePageIsServedAtTheRootAndAtDeepLinks() throws Exception {
    HttpResponse<String> root = get("/", "text/html", null);
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.body()).contains("<div id=\"app\"></div>").contains("/assets/");
    assertThat(root.headers().firstValue("Cache-Control")).contains("no-cache");
    HttpResponse<String> deep = get("/townships/%E5%9F%8E%E5%85%B3%E9%95%87", "text/html,application/xhtml+xml,*/*;q=0.8", null);
    assertThat(deep.statusCode()).isEqualTo(200);
    assertThat(deep.body()).isEqualTo(root.body());
    String asset = root.body().replaceAll("(?s).*src=\"(/assets/[^\"]+\\.js)\".*", "$1");
    HttpResponse<String> js = get(asset, "*/*", null);
    assertThat(js.statusCode()).as(asset).isEqualTo(200);
    assertThat(js.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
    assertThat(get("/assets/missing-0000.js", "*/*", null).statusCode()).isEqualTo(404);
    assertThat(get("/api/needs", "text/html", null).statusCode()).as("the API is not a page").isEqualTo(401);
  }

  @Test
  void sessionSaysWhoIsSignedInOr401() throws Exception {
    HttpResponse<String> nobody = get("/session", "application/json", null);
    assertThat(nobody.statusCode()).isEqualTo(401);
    assertThat(nobody.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    String token = Api.sign("clerk-7", List.of("TOWNSHIP"), null, "城关镇", Duration.ofMinutes(5), null);
    HttpResponse<String> clerk = get("/session", "application/json", token);
    assertThat(clerk.statusCode()).isEqualTo(200);
    JsonNode body = JsonMapper.builder().build().readTree(clerk.body());
    assertThat(body.path("username").asString()).isEqualTo("clerk-7");
    assertThat(body.path("roles").get(0).asString()).isEqualTo("TOWNSHIP");
    assertThat(body.path("township").asString()).isEqualTo("城关镇");
    assertThat(get("/session", "application/json", token + "x").statusCode()).as("a bad token").isEqualTo(401);
  }
}
