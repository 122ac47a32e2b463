package village.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import village.acceptance.RunningSystem;

/**
 * The benchmark harness: {@code ./village bench [--only 1,3,...] [--seconds N] [--warmup N]}. Starts a fresh embedded system
 * with the real launcher (its own ports and data folder), measures the figures of issue 9 side by side in one run,
 * prints the table and writes it to {@code benchmarks/target/benchmarks.md}.
 */
public final class Benchmarks {
  private static final String SERVLET_SERVICES =
      "identity-service partnership-service project-service funds-service reporting-service import-service";

  private Benchmarks() {}

  /** {@code ./village down} then {@code up} of the given components only, with {@code env} added. */
  private static void restart(RunningSystem system, String components, Map<String, String> env) {
    System.out.println("Restarting " + components + (env.isEmpty() ? "" : " with " + env) + " ...");
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("VILLAGE_COMPONENTS", components);
    int down = system.village(Duration.ofMinutes(3), all, "down");
    long t0 = System.nanoTime();
    int up = system.village(Duration.ofMinutes(8), all, "up");
    if (down != 0 || up != 0) throw new IllegalStateException("restarting " + components + " failed (down " + down + ", up " + up
        + "): see " + system.villageLog("up"));
    System.out.printf("    up again in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  public static void main(String[] args) throws Exception {
    Set<Integer> only = new LinkedHashSet<>();
    int seconds = 15;
    int warmUp = 90;
    int warmUpMax = 300;
    String offsetEnv = System.getenv("VILLAGE_BENCH_PORT_OFFSET");
    int portOffset = offsetEnv == null || offsetEnv.isBlank() ? 20000 : Integer.parseInt(offsetEnv.trim());
    int sessionCount = 16;
    String gatewayBefore = null;
    boolean virtualThreadsAb = false;
    boolean gatewayCostOnly = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--only" -> Stream.of(args[++i].split(",")).map(String::trim).map(Integer::parseInt).forEach(only::add);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmUp = Integer.parseInt(args[++i]);
        case "--warmup-max" -> warmUpMax = Integer.parseInt(args[++i]);
        case "--port-offset" -> portOffset = Integer.parseInt(args[++i]);
        case "--sessions" -> sessionCount = Integer.parseInt(args[++i]);
        case "--gateway-before" -> gatewayBefore = args[++i];
        case "--virtual-threads-ab" -> virtualThreadsAb = true;
        case "--gateway-cost-only" -> gatewayCostOnly = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (--only 1,2,.. --seconds N --warmup N"
            + " --warmup-max N --port-offset N --sessions N --gateway-before GATEWAY.jar --virtual-threads-ab --gateway-cost-only)");
      }
    }
    if (only.isEmpty()) only.addAll(Set.of(1, 2, 3, 4, 5, 6, 7));
    Duration window = Duration.ofSeconds(seconds);
    Report report = new Report();
    System.out.println("Machine: " + Machine.describe());
    System.out.println("Starting the system (./village up, fresh data folder, ports +" + portOffset + ") ...");
    long t0 = System.nanoTime();
    RunningSystem system = RunningSystem.start("bench-system", portOffset);
    double coldStart = (System.nanoTime() - t0) / 1e9;
    Api api = new Api(system, 256);
    Load load = new Load(64);
    Scenarios s = new Scenarios(api, load, report, window);
    List<String> sessions = only.contains(1) && sessionCount > 0 ? Sessions.signIn(system, sessionCount) : List.of();
    if (!sessions.isEmpty()) System.out.println("Signed in " + sessions.size() + " browser sessions through identity-service");
    s.warmUp(Duration.ofSeconds(warmUp), Duration.ofSeconds(warmUpMax));
    Scenarios.quiet();
    if (only.contains(1)) s.gatewayVersusDirect(sessions, gatewayCostOnly);
    if (only.contains(1) && gatewayBefore != null) {
      // the same system with another gateway build (from its plain jar), then this build's again: before/after in one run
      String direct = api.direct("PARTNERSHIP_PORT");
      restart(system, "gateway", Map.of("VILLAGE_GATEWAY_JAR", gatewayBefore, "VILLAGE_AOT", "0"));
      s.warmUpGateway(sessions, Duration.ofSeconds(60));
      Scenarios.quiet();
      s.sessionPath(sessions, "before: " + gatewayBefore, direct);
      restart(system, "gateway", Map.of()); // this build's again for what follows
    }
    Scenarios.quiet();
    if (only.contains(2) && !virtualThreadsAb) s.writeThroughput();
    if (only.contains(2) && virtualThreadsAb) {
      // the servlet services restarted with virtual threads on, then off (VILLAGE_VIRTUAL_THREADS), the same warm-up each
      for (String vt : List.of("true", "false")) {
        restart(system, SERVLET_SERVICES, Map.of("VILLAGE_VIRTUAL_THREADS", vt));
        s.warmUp(Duration.ofSeconds(40), Duration.ofSeconds(120));
        Scenarios.quiet();
        s.writeThroughput("virtual threads " + (vt.equals("true") ? "on" : "off"));
        Scenarios.quiet();
      }
    }
    Scenarios.quiet();
    if (only.contains(3)) s.freshness();
    Scenarios.quiet();
    if (only.contains(5)) s.outboxVersusPlainInsert();
    Scenarios.quiet();
    if (only.contains(4)) s.countyScaleQueries();
    Scenarios.quiet();
    if (only.contains(6)) s.outageDrain();
    if (only.contains(7)) {
      System.out.println("7. Cold start and memory");
      report.add("7", "./village up, cold start to all healthy", String.format("%.1f s", coldStart), "≤ 60 s", coldStart <= 60);
      long rss = Machine.residentBytes(system.dataDir().resolve("pids"));
      System.out.println("    resident memory per component (MiB): " + Machine.residentByComponent(system.dataDir().resolve("pids")));
      report.add("7", "resident memory of the running stack", String.format("%.2f GiB", rss / (double) (1L << 30)),
          "≤ 3 GiB", rss <= 3L << 30);
    }
    String md = "Run " + Instant.now() + " on " + Machine.describe() + "\n\n" + report.markdown();
    System.out.println();
    System.out.println(md);
    Path out = Path.of("benchmarks/target/benchmarks.md");
    try {
      Files.createDirectories(out.getParent());
      Files.writeString(out, md, StandardCharsets.UTF_8);
      System.out.println("Written to " + out.toAbsolutePath());
    } catch (IOException e) {
      System.out.println("(could not write " + out + ": " + e + ")");
    }
    System.exit(0);
  }
}
