package village.acceptance.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import village.acceptance.RunningSystem;
import village.acceptance.chaos.Ledger.Entry;
import village.acceptance.chaos.Ledger.Outcome;

/**
 * The fault-injection suite ({@code ./village chaos}, and {@code FaultSuiteIT} for a short round): starts its own
 * system with the launcher, runs a bounded seeded writer through the gateway, SIGKILLs (and restarts) or SIGSTOPs
 * (and resumes) one component per phase under that load, and after each phase, with the writers parked, checks that
 * every acknowledged write is readable, none is there twice, and the statistics equal the record.
 */
public final class FaultSuite {
  /** How a run is made. */
  public record Options(int rounds, int seconds, List<Fault> faults, int clients, long seed, int portOffset,
      int stopSeconds, String systemName, Duration statsLimit, Duration statsStable, Duration resolveLimit) {

    /** The long run's defaults: the full rotation, 30 s a phase, 4 clients, ports +30000. */
    public static Options defaults() {
      String offset = System.getenv("VILLAGE_CHAOS_PORT_OFFSET");
      return new Options(1, 30, Fault.parse(Fault.FULL_ROTATION), 4, 20261202L,
          offset == null || offset.isBlank() ? 30000 : Integer.parseInt(offset.trim()), 8, "chaos-system",
          Duration.ofSeconds(180), Duration.ofSeconds(40), Duration.ofSeconds(180));
    }

    public Options withFaults(String spec) {
      return new Options(rounds, seconds, Fault.parse(spec), clients, seed, portOffset, stopSeconds, systemName,
          statsLimit, statsStable, resolveLimit);
    }

    public Options with(int rounds, int seconds, int clients, int portOffset, String systemName) {
      return new Options(rounds, seconds, faults, clients, seed, portOffset, stopSeconds, systemName, statsLimit,
          statsStable, resolveLimit);
    }

    public Options withSeed(long seed) {
      return new Options(rounds, seconds, faults, clients, seed, portOffset, stopSeconds, systemName, statsLimit,
          statsStable, resolveLimit);
    }

    String describe() {
      return "rounds " + rounds + ", " + seconds + " s of load per fault, " + clients + " clients, seed " + seed
          + ", faults " + faults.stream().map(Fault::label).toList() + ", ports +" + portOffset;
    }
  }

  /** The outcome of a run: the table, and every broken promise. */
  public record Report(String machine, Instant started, String options, List<PhaseResult> phases, List<String> problems,
      double upSeconds) {
    public List<String> failures() {
      List<String> all = new ArrayList<>(problems);
      phases.forEach(p -> all.addAll(p.failures()));
      return all;
    }

    public String markdown() {
      StringBuilder b = new StringBuilder();
      b.append("Run ").append(started.truncatedTo(ChronoUnit.SECONDS)).append(" on ").append(machine).append('\n');
      b.append("Options: ").append(options).append("; system up in ").append(String.format("%.1f", upSeconds))
          .append(" s\n\n");
      b.append(PhaseResult.HEADER);
      phases.forEach(p -> b.append(p.row()));
      List<String> failures = failures();
      b.append('\n').append(failures.isEmpty() ? "Every promise held: nothing lost, nothing double-counted, the "
          + "statistics equal the record after every fault.\n" : failures.size() + " broken promise(s):\n");
      failures.forEach(f -> b.append("- ").append(f).append('\n'));
      b.append('\n');
      phases.forEach(p -> b.append("- phase ").append(p.index()).append(" ").append(p.fault()).append(": ")
          .append(p.pids()).append('\n'));
      return b.toString();
    }
  }

  private final Options options;
  private final java.io.PrintStream out;

  public FaultSuite(Options options, java.io.PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    Options o = Options.defaults();
    String faults = null;
    int rounds = o.rounds();
    int seconds = o.seconds();
    int clients = o.clients();
    int offset = o.portOffset();
    long seed = o.seed();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--faults" -> faults = args[++i];
        case "--clients" -> clients = Integer.parseInt(args[++i]);
        case "--port-offset" -> offset = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default -> {
          System.err.println("unknown argument " + args[i] + " (--rounds N --seconds S --faults kafka,mongo,stop:gateway,.."
              + " --clients N --port-offset N --seed N)");
          System.exit(2);
        }
      }
    }
    o = o.with(rounds, seconds, clients, offset, o.systemName()).withSeed(seed);
    if (faults != null) o = o.withFaults(faults);
    Report report = new FaultSuite(o, System.out).run();
    String md = report.markdown();
    System.out.println();
    System.out.println(md);
    Path file = Path.of("acceptance/target/reliability.md");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, md, StandardCharsets.UTF_8);
      System.out.println("Written to " + file.toAbsolutePath());
    } catch (IOException e) {
      System.out.println("(could not write " + file + ": " + e + ")");
    }
    System.exit(report.failures().isEmpty() ? 0 : 1);
  }

  /** Starts the system, runs every phase, stops the system; never throws for a broken promise (see the report). */
  public Report run() {
    Instant started = Instant.now();
    out.println("Fault suite: " + options.describe());
    out.println("Machine: " + Machine.describe());
    out.println("Starting the system (./village up, fresh data folder, ports +" + options.portOffset() + ") ...");
    long t0 = System.nanoTime();
    RunningSystem system = RunningSystem.start(options.systemName(), options.portOffset());
    double up = (System.nanoTime() - t0) / 1e9;
    out.printf("Up in %.1f s%n", up);
    Components components = new Components(system);
    List<PhaseResult> results = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String suspended = null;
    Gate gate = new Gate();
    List<Thread> threads = new ArrayList<>();
    try {
      Client client = new Client(system.gatewayUrl, Duration.ofSeconds(15));
      String county = system.token("chaos-county", "COUNTY", null, null);
      Ledger ledger = new Ledger();
      AtomicReference<Phase> current = new AtomicReference<>(new Phase(0, null));
      Writer.Load load = Writer.startAll(system, client, county, "chaos", options.clients(), ledger, gate, current::get,
          options.seed(), options.resolveLimit());
      threads.addAll(load.threads());
      String writerToken = load.townshipToken();
      Verifier verifier = new Verifier(client, writerToken, county, ledger, options.statsLimit(), options.statsStable());
      out.println(PhaseResult.HEADER.stripTrailing());
      int index = 0;
      for (int round = 1; round <= options.rounds(); round++) {
        for (Fault fault : options.faults()) {
          Phase phase = new Phase(++index, fault);
          current.set(phase);
          gate.open();
          long end = phase.startedAt + Duration.ofSeconds(options.seconds()).toNanos();
          sleepSeconds(Math.max(3, options.seconds() / 3));
          String c = fault.component();
          long before = components.pid(c);
          double restart;
          String label;
          if (fault.action() == Fault.Action.KILL) {
            components.kill(c);
            phase.restarting();
            long r0 = System.nanoTime();
            components.restart(c);
            restart = (System.nanoTime() - r0) / 1e9;
            label = fault.label();
          } else {
            components.stop(c);
            suspended = c;
            sleepSeconds(options.stopSeconds());
            phase.restarting();
            components.resume(c);
            suspended = null;
            restart = 0;
            label = fault.label() + " " + options.stopSeconds() + " s";
          }
          long after = components.pid(c);
          String pids = c + " pid " + before + (fault.action() == Fault.Action.KILL ? " killed, restarted as pid " + after
              : " stopped, then continued");
          sleepUntil(Math.max(end, System.nanoTime() + Duration.ofSeconds(5).toNanos()));
          gate.close();
          if (!gate.awaitParked(options.clients(), options.resolveLimit().plusSeconds(60))) {
            problems.add("phase " + index + " (" + label + "): the writers did not finish their writes in time");
          }
          Verifier.Findings findings = verifier.verify(phase);
          int acknowledged = 0;
          int afterUnknown = 0;
          int refused = 0;
          for (Entry e : ledger.all()) {
            if (e.phase != index) continue;
            if (e.outcome == Outcome.ACKNOWLEDGED) {
              acknowledged++;
              if (e.unknownAnswers > 0) afterUnknown++;
            } else if (e.outcome == Outcome.REFUSED) {
              refused++;
            }
          }
          PhaseResult result = new PhaseResult(index, label, pids, acknowledged, afterUnknown, refused,
              ledger.unknownAnswers(index), findings, restart, phase.writesBackSeconds());
          results.add(result);
          out.print(result.row());
          result.failures().forEach(f -> out.println("    " + f));
        }
      }
    } catch (RuntimeException | InterruptedException e) {
      problems.add("the suite could not finish: " + e);
      e.printStackTrace(out);
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
    } finally {
      gate.stop();
      if (suspended != null) {
        try {
          components.resume(suspended);
        } catch (RuntimeException e) {
          problems.add("could not resume " + suspended + ": " + e);
        }
      }
      Writer.joinAll(threads);
      system.village(Duration.ofMinutes(3), Map.of(), "down");
    }
    return new Report(Machine.describe(), started, options.describe(), results, problems, up);
  }

  private static void sleepSeconds(long s) throws InterruptedException {
    Thread.sleep(Duration.ofSeconds(s));
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) Thread.sleep(Duration.ofNanos(left));
  }
}
