package village.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser (Debian's Chromium driven by playwright-core: {@code console/e2e/console.e2e.mjs})
 * against the running system with the township's 2023 loaded: the dashboard shows the statistics API's figures, the
 * tile map the township's villages, a need posted through the form appears in the list, a server 400 is shown beside
 * its field, axe finds no serious or critical violation, 中文/English switch. Screenshots in
 * {@code acceptance/target/console-screenshots}.
 *
 * <p>Until the gateway signs people in, the browser carries a bearer token on every request (the script's
 * {@code authenticate}); with the sign-in it will go through the sign-in page instead.
 */
class ConsoleIT {
  /** The browser's writes go to a township of their own, so the demo township's figures stay the report's. */
  static final String WRITE_TOWNSHIP = "浏览器测试镇";
  static final String WRITE_VILLAGE = "BT001";
  private static RunningSystem system;
  private static DemoLoader loader;
  private static String writer;

  @BeforeAll
  static void loadTheTownship() {
    system = RunningSystem.get();
    loader = system.demoLoader();
    loader.load();
    assertThat(loader.compareWithReport(Duration.ofMinutes(3))).allSatisfy(row -> assertThat(row.matches()).as(row.figure()).isTrue());
    writer = system.token("console-writer", "TOWNSHIP", null, WRITE_TOWNSHIP);
    Http.Response village = system.http.post("/api/villages", writer, Map.of("code", WRITE_VILLAGE, "name", "测试一村", "kind", "VILLAGE",
        "township", WRITE_TOWNSHIP, "county", DemoLoader.dataset().path("county").asString()), null);
    assertThat(village.status()).as(village.toString()).isIn(201, 409);
    Http.Response org = system.http.post("/api/organizations", writer, Map.of("name", "浏览器测试合作社", "type", "SOCIAL_ORGANIZATION",
        "creditCode", CreditCodes.of(9_190_001)), "console-it-organization");
    assertThat(org.status()).as(org.toString()).isIn(200, 201);
    Http.Response pairing = system.http.post("/api/partnerships", writer, Map.of("organizationId", org.body().path("id").asString(),
        "villageCode", WRITE_VILLAGE, "startDate", "2023-01-01"), "console-it-partnership");
    assertThat(pairing.status()).as(pairing.toString()).isIn(200, 201);
  }

  @Test
  void theConsoleDoesEachScreensWorkInARealBrowser() throws Exception {
    Path console = ConsoleApiDocumentsIT.repoRoot().resolve("console");
    Path chromium = Path.of(System.getenv().getOrDefault("VILLAGE_CHROMIUM", "/usr/bin/chromium"));
    assertThat(chromium).as("Debian's chromium (./village test installs it)").exists();
    if (!Files.isDirectory(console.resolve("node_modules/playwright-core"))) {
      assertThat(run(console, List.of("node", "scripts/install.mjs"), Map.of()).exit()).as("npm ci in console/").isZero();
    }
    Path shots = Path.of("target", "console-screenshots").toAbsolutePath();
    Files.createDirectories(shots);
    Map<String, String> env = Map.of(
        "CONSOLE_URL", system.gatewayUrl,
        "CONSOLE_TOWNSHIP", DemoLoader.dataset().path("township").asString(),
        "CONSOLE_YEAR", DemoLoader.dataset().path("year").asString(),
        "CONSOLE_TOWNSHIP_TOKEN", system.token("console-township", "TOWNSHIP", null, DemoLoader.dataset().path("township").asString()),
        "CONSOLE_COUNTY_TOKEN", system.token("console-county", "COUNTY", null, null),
        "CONSOLE_WRITER_TOKEN", writer,
        "CONSOLE_WRITE_VILLAGE", WRITE_VILLAGE,
        "CONSOLE_SCREENSHOTS", shots.toString(),
        "CONSOLE_CHROMIUM", chromium.toString());
    Result r = run(console, List.of("node", "e2e/console.e2e.mjs"), env);
    System.out.println(r.output());
    assertThat(r.exit()).as("console e2e:\n" + r.output()).isZero();
    assertThat(r.output()).contains("all console checks passed");
  }

  private record Result(int exit, String output) {}

  private static Result run(Path dir, List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    Path log = Files.createTempFile("console-e2e", ".log");
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(6, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return new Result(-1, "timed out: " + command + "\n" + Files.readString(log));
    }
    return new Result(p.exitValue(), Files.readString(log));
  }
}
