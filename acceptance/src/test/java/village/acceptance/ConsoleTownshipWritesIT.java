package village.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The township clerk's writes in a real browser ({@code console/e2e/township-writes.e2e.mjs}: Debian's Chromium
 * through playwright-core) against the running system: an organization, a project with milestones, its status and
 * progress, a milestone completed from the overdue view, a fund committed (double-clicked: one fund) and disbursed,
 * a village's collective income; each seen in its list, the 签约→落地→见效 funnel colouring the township's pairings,
 * printing on A4 with its title line, and — after the statistics catch up — the dashboard's figures. axe-core finds
 * no serious or critical violation on the new pages. Screenshots in {@code acceptance/target/console-screenshots/township-writes}.
 *
 * <p>The writes go to a township of their own (two villages, one paired this year, one paired long ago and idle),
 * so the demo township's figures stay the report's for the other suites in this JVM.
 */
class ConsoleTownshipWritesIT {
  static final String TOWNSHIP = "控制台写入镇";
  static final String VILLAGE = "KW001";
  static final String IDLE_VILLAGE = "KW002";
  private static RunningSystem system;
  private static String clerk;

  @BeforeAll
  static void aTownshipOfItsOwn() {
    system = RunningSystem.get();
    clerk = system.token("console-township-clerk", "TOWNSHIP", null, TOWNSHIP);
    String county = DemoLoader.dataset().path("county").asString();
    for (var v : List.of(Map.of("code", VILLAGE, "name", "写入一村"), Map.of("code", IDLE_VILLAGE, "name", "写入二村"))) {
      Http.Response r = system.http.post("/api/villages", clerk, Map.of("code", v.get("code"), "name", v.get("name"), "kind", "VILLAGE",
          "township", TOWNSHIP, "county", county), null);
      assertThat(r.status()).as(r.toString()).isIn(201, 409);
    }
    Http.Response org = system.http.post("/api/organizations", clerk, Map.of("name", "控制台写入合作社", "type", "SOCIAL_ORGANIZATION",
        "creditCode", CreditCodes.of(9_290_001)), "console-writes-organization");
    assertThat(org.status()).as(org.toString()).isIn(200, 201);
    String orgId = org.body().path("id").asString();
    int year = java.time.LocalDate.now().getYear();
    for (var p : List.of(Map.of("village", VILLAGE, "start", year + "-01-02"), Map.of("village", IDLE_VILLAGE, "start", (year - 3) + "-01-02"))) {
      Http.Response r = system.http.post("/api/partnerships", clerk, Map.of("organizationId", orgId, "villageCode", p.get("village"),
          "startDate", p.get("start")), "console-writes-partnership-" + p.get("village"));
      assertThat(r.status()).as(r.toString()).isIn(200, 201);
    }
  }

  @Test
  void theTownshipClerkDoesEachWriteInARealBrowser() throws Exception {
    Path console = ConsoleApiDocumentsIT.repoRoot().resolve("console");
    Path chromium = Path.of(System.getenv().getOrDefault("VILLAGE_CHROMIUM", "/usr/bin/chromium"));
    assertThat(chromium).as("Debian's chromium (./village test installs it)").exists();
    if (!Files.isDirectory(console.resolve("node_modules/playwright-core"))) {
      assertThat(run(console, List.of("node", "scripts/install.mjs"), Map.of()).exit()).as("npm ci in console/").isZero();
    }
    Path shots = Path.of("target", "console-screenshots", "township-writes").toAbsolutePath();
    Files.createDirectories(shots);
    Map<String, String> env = Map.of(
        "CONSOLE_URL", system.gatewayUrl,
        "CONSOLE_TOWNSHIP", TOWNSHIP,
        "CONSOLE_TOWNSHIP_TOKEN", clerk,
        "CONSOLE_VILLAGE", VILLAGE,
        "CONSOLE_IDLE_VILLAGE", IDLE_VILLAGE,
        "CONSOLE_CREDIT_CODE", CreditCodes.random(),
        "CONSOLE_SCREENSHOTS", shots.toString(),
        "CONSOLE_CHROMIUM", chromium.toString());
    Result r = run(console, List.of("node", "e2e/township-writes.e2e.mjs"), env);
    System.out.println(r.output());
    assertThat(r.exit()).as("township writes e2e:\n" + r.output()).isZero();
    assertThat(r.output()).contains("all township write checks passed");
  }

  private record Result(int exit, String output) {}

  private static Result run(Path dir, List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    Path log = Files.createTempFile("console-writes-e2e", ".log");
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(8, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return new Result(-1, "timed out: " + command + "\n" + Files.readString(log));
    }
    return new Result(p.exitValue(), Files.readString(log));
  }
}
