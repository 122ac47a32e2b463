package village.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The services' OpenAPI documents, as a client gets them through the gateway (Swagger UI, a generated client):
 * a real title, the gateway as the server, a bearer scheme, no internal parameters, typed problem responses,
 * Redocly's recommended rules with 0 errors, and "Try it out" working — each GET the document lists, sent to the
 * server the document names with a bearer token, answers 200.
 */
class ApiDocumentIT {
  private static final List<String> SERVICES = List.of("partnership", "project", "funds", "reporting", "import", "identity");
  /** Listed GETs that answer only a signed-in person with an account (the suite's tokens have none). */
  private static final java.util.Set<String> NEEDS_AN_ACCOUNT = java.util.Set.of("/api/users/me");
  private static final Path OUT = Path.of("target", "openapi");
  private static RunningSystem system;
  private static Http http;

  @BeforeAll
  static void system() throws IOException {
    system = RunningSystem.get();
    http = system.http;
    Files.createDirectories(OUT);
  }

  @Test
  void eachDocumentNamesTheGatewayABearerSchemeAndItsProblems() throws IOException {
    for (String service : SERVICES) {
      Http.Response r = http.get("/openapi/" + service, null);
      assertThat(r.status()).as(service + ": " + r).isEqualTo(200);
      Files.writeString(OUT.resolve(service + ".json"), r.text(), StandardCharsets.UTF_8);
      JsonNode doc = r.body();
      assertThat(doc.path("info").path("title").asString()).as(service).contains(service + "-service").doesNotContain("OpenAPI definition");
      URI server = URI.create(system.gatewayUrl + "/openapi/" + service).resolve(doc.path("servers").path(0).path("url").asString());
      assertThat(server.toString().replaceAll("/$", "")).as(service + " server").isEqualTo(system.gatewayUrl.replaceAll("/$", ""));
      assertThat(doc.path("components").path("securitySchemes").path("bearer").path("scheme").asString()).isEqualTo("bearer");
      assertThat(doc.path("security").path(0).has("bearer")).as(service + " security").isTrue();
      assertThat(doc.path("components").path("schemas").has("Problem")).isTrue();
      assertThat(r.text()).as(service + ": no wildcard media types, no internal caller parameter")
          .doesNotContain("\"*/*\"").doesNotContain("\"name\":\"caller\"");
      assertThat(doc.path("paths").has("/internal/outbox")).isFalse();
      for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
        for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
          String where = service + " " + op.getKey() + " " + path.getKey();
          JsonNode o = op.getValue();
          assertThat(o.path("summary").asString()).as(where + " summary").isNotBlank();
          assertThat(o.path("operationId").asString()).as(where + " operationId").matches("[a-z][A-Za-z]+");
          assertThat(o.path("responses").path("401").path("content").path("application/problem+json").path("schema").path("$ref").asString())
              .as(where + " 401").isEqualTo("#/components/schemas/Problem");
          if (path.getKey().contains("{")) assertThat(o.path("responses").has("404")).as(where + " 404").isTrue();
        }
      }
    }
    JsonNode registerVillage = http.get("/openapi/partnership", null).body().path("paths").path("/api/villages").path("post");
    assertThat(registerVillage.path("responses").has("201")).as("a create answers 201").isTrue();
    assertThat(registerVillage.path("responses").has("200")).isFalse();
    assertThat(http.get("/openapi/reporting", null).body().path("paths").path("/api/stats/rebuild").path("post").path("responses").has("202")).isTrue();
    assertThat(http.get("/v3/api-docs", null).text()).as("the gateway's own document hides its fallback").doesNotContain("/fallback");
  }

  @Test
  void theDocumentsLintWithoutErrorsUnderRedoclysRecommendedRules() throws Exception {
    List<String> files = new ArrayList<>();
    for (String service : SERVICES) {
      Http.Response r = http.get("/openapi/" + service, null);
      assertThat(r.status()).isEqualTo(200);
      Path file = OUT.resolve(service + ".json").toAbsolutePath();
      Files.writeString(file, r.text(), StandardCharsets.UTF_8);
      files.add(file.toString());
    }
    Path tool = repoRoot().resolve("tools/openapi-lint");
    if (!Files.isExecutable(tool.resolve("node_modules/.bin/redocly"))) {
      assertThat(run(tool, List.of("npm", "ci", "--no-audit", "--no-fund")).exit()).as("npm ci in tools/openapi-lint").isZero();
    }
    List<String> lint = new ArrayList<>(List.of(tool.resolve("node_modules/.bin/redocly").toString(), "lint",
        "--config", tool.resolve("redocly.yaml").toString()));
    lint.addAll(files);
    Result result = run(tool, lint);
    assertThat(result.exit()).as("redocly lint:\n" + result.output()).isZero();
    assertThat(result.output()).contains("valid");
  }

  @Test
  void tryItOutWorksThroughTheGatewayForEveryListedGet() {
    String county = system.token("api-document-county", "COUNTY", null, null);
    Http.Response config = http.get("/v3/api-docs/swagger-config", null);
    assertThat(config.status()).as(config.toString()).isEqualTo(200);
    for (String service : SERVICES) assertThat(config.text()).contains("/openapi/" + service);
    assertThat(http.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    int tried = 0;
    for (String service : SERVICES) {
      JsonNode doc = http.get("/openapi/" + service, null).body();
      String base = URI.create(system.gatewayUrl + "/openapi/" + service).resolve(doc.path("servers").path(0).path("url").asString())
          .toString().replaceAll("/$", "");
      Http direct = new Http(base);
      for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
        JsonNode get = path.getValue().path("get");
        if (get.isMissingNode() || path.getKey().contains("{") || requiresParameters(get) || NEEDS_AN_ACCOUNT.contains(path.getKey())) continue;
        Http.Response r = direct.get(path.getKey(), county);
        assertThat(r.status()).as(service + " GET " + path.getKey() + ": " + r).isEqualTo(200);
        assertThat(direct.get(path.getKey(), null).status()).as("without the token").isEqualTo(401);
        tried++;
      }
    }
    assertThat(tried).as("GETs tried").isGreaterThanOrEqualTo(12);
  }

  private static boolean requiresParameters(JsonNode operation) {
    for (JsonNode p : operation.path("parameters")) if (p.path("required").asBoolean()) return true;
    return false;
  }

  private record Result(int exit, String output) {}

  private static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("openapi-lint", ".log");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return new Result(-1, "timed out: " + command);
    }
    return new Result(p.exitValue(), Files.readString(log));
  }

  private static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("village")) && Files.isDirectory(p.resolve("tools"))) return p;
    }
    throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
  }
}
