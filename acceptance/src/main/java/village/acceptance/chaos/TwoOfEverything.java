package village.acceptance.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import village.acceptance.Browser;
import village.acceptance.DemoLoader;
import village.acceptance.Http;
import village.acceptance.ReportFigures;
import village.acceptance.RunningSystem;
import village.acceptance.chaos.Ledger.Entry;
import village.acceptance.chaos.Ledger.Outcome;

/**
 * Two of every component ({@code VILLAGE_INSTANCES=2}: the six services and the gateway, on one embedded Kafka and
 * one Mongo): a browser signs in at gateway 1; the fault suite's seeded writers load through gateway 1 while one
 * instance of each service is SIGKILLed in turn, a few seconds apart (the other instance of each goes on serving);
 * then the killed reporting instance is restarted (under the same load; the other five stay down). With the writers
 * parked: every acknowledged write is readable and none is there twice (the fault suite's {@link Verifier}), both
 * reporting instances, each asked directly, answer statistics equal to the record (so identical); the demo is
 * loaded through gateway 1 on the survivors and both reporting instances show every figure of the 2023 report; and
 * after gateway 1 is SIGKILLed the browser's session cookie still works at gateway 2.
 */
public final class TwoOfEverything {
  /**
   * One instance of each service, in turn. For identity the second: the services' JWK set and the gateway's sign-in
   * back channel are its first instance, so that one going down is a different failure (a dependency down, the fault
   * suite's) from the one shown here (one of two instances gone); partnership and project lose their second too.
   */
  public static final List<String> VICTIMS = List.of("partnership-service-2", "project-service-2", "funds-service",
      "reporting-service", "identity-service-2", "import-service");
  /** The one victim restarted: its statistics must come back complete; the others' survivors serve to the end. */
  static final String RESTARTED = "reporting-service";
  static final int CLIENTS = 3;
  static final int SECONDS_BETWEEN_KILLS = 4;
  static final int SECONDS_AFTER_RESTART = 5;

  /** What happened, the timings and every broken promise. */
  public record Report(double upSeconds, double loadSeconds, double restartSeconds, double totalSeconds,
      int acknowledged, int refused, Map<String, Integer> unknownAnswers, List<String> kills, List<String> checks,
      List<String> failures) {
    public String text() {
      StringBuilder b = new StringBuilder("Two of everything: up " + f(upSeconds) + " s, load " + f(loadSeconds)
          + " s (" + RESTARTED + " restarted in " + f(restartSeconds) + " s), total " + f(totalSeconds) + " s; " + acknowledged
          + " writes acknowledged, " + refused + " refused, unknown answers (retried with the same key) " + unknownAnswers
          + "\n");
      kills.forEach(k -> b.append("- killed ").append(k).append('\n'));
      checks.forEach(c -> b.append("- ").append(c).append('\n'));
      b.append(failures.isEmpty() ? "Every promise held.\n" : failures.size() + " broken promise(s):\n");
      failures.forEach(x -> b.append("- ").append(x).append('\n'));
      return b.toString();
    }

    private static String f(double s) {
      return String.format("%.1f", s);
    }
  }

  private TwoOfEverything() {}

  public static Report run(int portOffset, PrintStream out) {
    long t0 = System.nanoTime();
    RunningSystem system = RunningSystem.start("two-of-everything", portOffset, Map.of("VILLAGE_INSTANCES", "2"));
    double up = seconds(t0);
    out.printf("two of everything: up in %.1f s%n", up);
    Components components = new Components(system);
    List<String> kills = new ArrayList<>();
    List<String> checks = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    Gate gate = new Gate();
    List<Thread> threads = new ArrayList<>();
    Ledger ledger = new Ledger();
    double load = 0;
    double restart = 0;
    try {
      int gw1 = system.port("GATEWAY_PORT");
      int gw2 = gw1 + 100;
      Browser browser = signIn(system, gw1);
      checks.add("signed in at gateway 1 (:" + gw1 + "): " + stats(browser, gw1) + " there, " + stats(browser, gw2)
          + " at gateway 2 (:" + gw2 + ") with the same cookie");

      Client client = new Client(system.gatewayUrl, Duration.ofSeconds(15));
      String county = system.token("two-county", "COUNTY", null, null);
      Phase phase = new Phase(1, null);
      Writer.Load writers = Writer.startAll(system, client, county, "two", CLIENTS, ledger, gate, () -> phase, 20261204L,
          Duration.ofSeconds(120));
      threads.addAll(writers.threads());
      String writerToken = writers.townshipToken();
      long l0 = System.nanoTime();
      gate.open();
      List<String> killed = new ArrayList<>();
      for (String victim : VICTIMS) {
        Thread.sleep(Duration.ofSeconds(SECONDS_BETWEEN_KILLS)); // the load runs on both instances, then on one
        long pid = components.pid(victim);
        components.kill(victim);
        killed.add(victim + " (pid " + pid + ") after " + String.format("%.1f", seconds(l0)) + " s of load");
        out.println("two of everything: killed " + killed.getLast());
      }
      phase.restarting();
      long r0 = System.nanoTime();
      components.restart(RESTARTED);
      restart = seconds(r0);
      for (int i = 0; i < VICTIMS.size(); i++) {
        kills.add(killed.get(i) + (VICTIMS.get(i).equals(RESTARTED) ? ", restarted as pid " + components.pid(RESTARTED) : ", left down"));
      }
      Thread.sleep(Duration.ofSeconds(SECONDS_AFTER_RESTART));
      gate.close();
      if (!gate.awaitParked(CLIENTS, Duration.ofSeconds(180))) failures.add("the writers did not finish their writes in time");
      load = seconds(l0);

      Verifier verifier = new Verifier(client, writerToken, county, ledger, Duration.ofSeconds(120), Duration.ofSeconds(20));
      Verifier.Findings found = verifier.verify(phase);
      found.lost().forEach(x -> failures.add("lost: " + x));
      found.doubled().forEach(x -> failures.add("doubled: " + x));
      found.unresolved().forEach(x -> failures.add("unresolved: " + x));
      if (!found.stats().caughtUp()) failures.add("statistics through the gateway ≠ record: " + found.stats().differences());
      int reporting = system.port("REPORTING_PORT");
      for (int port : List.of(reporting, reporting + 100)) {
        Verifier.StatsCheck s = verifier.statsAt(new Client("http://127.0.0.1:" + port, Duration.ofSeconds(15)));
        if (s.caughtUp()) {
          checks.add("reporting instance :" + port + ": statistics equal to the record (lag 0) after "
              + String.format("%.1f", s.seconds()) + " s");
        } else {
          failures.add("reporting instance :" + port + ": statistics ≠ record (lag " + s.lag() + "): " + s.differences());
        }
      }

      demoOnBoth(system, reporting, checks, failures, out);

      components.kill("gateway");
      int after = stats(browser, gw2);
      int stranger = stats(new Browser(), gw2);
      checks.add("gateway 1 killed: the session cookie at gateway 2 → " + after + ", no cookie → " + stranger);
      if (after != 200) failures.add("the browser's session did not survive the loss of gateway 1: gateway 2 answered " + after);
      if (stranger != 401) failures.add("gateway 2 answered " + stranger + " without a session (401 expected)");
    } catch (RuntimeException | InterruptedException e) {
      failures.add("could not finish: " + e);
      e.printStackTrace(out);
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
    } finally {
      gate.stop();
      Writer.joinAll(threads);
      system.village(Duration.ofMinutes(3), Map.of(), "down");
    }
    int acknowledged = 0;
    int refused = 0;
    for (Entry e : ledger.all()) {
      if (e.outcome == Outcome.ACKNOWLEDGED) acknowledged++;
      else if (e.outcome == Outcome.REFUSED) refused++;
    }
    if (acknowledged == 0) failures.add("no write was acknowledged");
    return new Report(up, load, restart, seconds(t0), acknowledged, refused, ledger.unknownAnswers(1), kills, checks, failures);
  }

  /**
   * The township's 2023 (the demo) loaded through gateway 1 on the two-of-everything system: each reporting instance,
   * asked directly, shows every figure of the report, and the two show the same figures.
   */
  private static void demoOnBoth(RunningSystem system, int reporting, List<String> checks, List<String> failures, PrintStream out) {
    long d0 = System.nanoTime();
    DemoLoader demo = system.demoLoader();
    demo.load();
    String county = system.token("two-demo-county", "COUNTY", null, null);
    String overview = "/api/stats/overview?year=2023&township=%E5%9F%8E%E5%85%B3%E9%95%87"; // 城关镇
    List<List<ReportFigures.Row>> seen = new ArrayList<>();
    for (int port : List.of(reporting, reporting + 100)) {
      Http http = new Http("http://127.0.0.1:" + port);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      List<ReportFigures.Row> rows = List.of();
      while (System.nanoTime() < deadline) {
        Http.Response r = http.get(overview, county);
        rows = r.ok() ? ReportFigures.compare(r.body()) : List.of();
        if (!rows.isEmpty() && rows.stream().allMatch(ReportFigures.Row::matches)) break;
        try {
          Thread.sleep(Duration.ofMillis(500));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      seen.add(rows);
      if (rows.isEmpty() || !rows.stream().allMatch(ReportFigures.Row::matches)) {
        failures.add("reporting instance :" + port + " after the demo ≠ the report:\n" + ReportFigures.table(rows));
      }
    }
    if (!seen.get(0).equals(seen.get(1))) failures.add("the two reporting instances differ after the demo");
    checks.add("the demo loaded through gateway 1 in " + String.format("%.1f", seconds(d0)) + " s: both reporting instances show the "
        + seen.get(0).size() + " figures of the 2023 report, the same on both");
    out.println("two of everything: " + checks.getLast());
  }

  /** The administrator signed in at the given gateway, as the console's first sign-in does (the password changed). */
  private static Browser signIn(RunningSystem system, int gateway) {
    try {
      String first = Files.readString(system.dataDir().resolve("admin-password"), StandardCharsets.UTF_8).trim();
      return Browser.signedIn("http://localhost:" + gateway, "admin", first, "Pw-" + UUID.randomUUID() + "-Xx7");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The status of the statistics, asked with the browser's session (no token). */
  private static int stats(Browser browser, int gateway) {
    HttpResponse<String> r = browser.send("GET", "http://localhost:" + gateway + "/api/stats/overview", null);
    return r.statusCode();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
