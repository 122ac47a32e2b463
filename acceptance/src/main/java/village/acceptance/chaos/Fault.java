package village.acceptance.chaos;

import java.util.ArrayList;
import java.util.List;

/** One fault of the rotation: a component and what is done to it (SIGKILL then restart, or SIGSTOP … SIGCONT). */
record Fault(String component, Action action) {
  enum Action { KILL, STOP }

  static final List<String> COMPONENTS = List.of("kafka", "mongo", "partnership-service", "project-service",
      "funds-service", "reporting-service", "gateway");

  /** The long run's rotation: three Mongo kills under load, Kafka, each service, the gateway, one SIGSTOP. */
  static final String FULL_ROTATION = "mongo,kafka,partnership-service,mongo,project-service,funds-service,"
      + "reporting-service,gateway,mongo,stop:mongo";

  /** {@code kafka,mongo,partnership,stop:funds-service,...}: a name kills it; {@code stop:} suspends it. */
  static List<Fault> parse(String spec) {
    List<Fault> faults = new ArrayList<>();
    for (String raw : spec.split(",")) {
      String s = raw.trim();
      if (s.isEmpty()) continue;
      Action action = Action.KILL;
      if (s.startsWith("stop:")) {
        action = Action.STOP;
        s = s.substring(5);
      } else if (s.startsWith("kill:")) {
        s = s.substring(5);
      }
      String name = s.endsWith("-service") || !List.of("partnership", "project", "funds", "reporting").contains(s)
          ? s : s + "-service";
      if (!COMPONENTS.contains(name)) {
        throw new IllegalArgumentException("unknown component in --faults: " + raw + " (one of " + COMPONENTS
            + ", optionally as stop:NAME)");
      }
      faults.add(new Fault(name, action));
    }
    if (faults.isEmpty()) throw new IllegalArgumentException("--faults names no fault");
    return faults;
  }

  String label() {
    return component + (action == Action.KILL ? " SIGKILL" : " SIGSTOP");
  }
}
