package village.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import village.acceptance.RunningSystem;

/**
 * The benchmark harness: {@code ./village bench [--only 1,3,...] [--seconds N] [--warmup N]}. Starts a fresh embedded system
 * with the real launcher (its own ports and data folder), measures the figures of issue 9 side by side in one run,
 * prints the table and writes it to {@code benchmarks/target/benchmarks.md}.
 */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    Set<Integer> only = new LinkedHashSet<>();
    int seconds = 15;
    int warmUp = 90;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--only" -> Stream.of(args[++i].split(",")).map(String::trim).map(Integer::parseInt).forEach(only::add);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmUp = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (--only 1,2,.. --seconds N --warmup N)");
      }
    }
    if (only.isEmpty()) only.addAll(Set.of(1, 2, 3, 4, 5, 6, 7));
    Duration window = Duration.ofSeconds(seconds);
    Report report = new Report();
    System.out.println("Machine: " + Machine.describe());
    System.out.println("Starting the system (./village up, fresh data folder, ports +20000) ...");
    long t0 = System.nanoTime();
    RunningSystem system = RunningSystem.start("bench-system", 20000);
    double coldStart = (System.nanoTime() - t0) / 1e9;
    Api api = new Api(system, 256);
    Load load = new Load(64);
    Scenarios s = new Scenarios(api, load, report, window);
    s.warmUp(Duration.ofSeconds(warmUp));
    Scenarios.quiet();
    if (only.contains(1)) s.gatewayVersusDirect();
    Scenarios.quiet();
    if (only.contains(2)) s.writeThroughput();
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
