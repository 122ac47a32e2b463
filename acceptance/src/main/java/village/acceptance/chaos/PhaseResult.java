package village.acceptance.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One row of the table: a fault, what the writers were told while it ran, and what the checks found after it. */
public record PhaseResult(int index, String fault, String pids, int acknowledged, int acknowledgedAfterUnknown, int refused,
    Map<String, Integer> unknownAnswers, Verifier.Findings findings, double restartSeconds, Double writesBackSeconds) {

  static final String HEADER = "| # | fault | acknowledged | refused | unknown answers (retried, same key) | lost "
      + "| double-counted | stats vs record | restart (s) | writes back (s) | stats caught up (s) |\n"
      + "|---|---|---|---|---|---|---|---|---|---|---|\n";

  String row() {
    Verifier.StatsCheck s = findings.stats();
    String stats = s.caughtUp() ? "equal" : s.differences().isEmpty() ? "not caught up (lag " + s.lag() + ")"
        : "differ: " + String.join("; ", s.differences().stream().limit(4).toList())
            + (s.differences().size() > 4 ? "; … (" + s.differences().size() + " figures)" : "");
    String unknown = unknownAnswers.isEmpty() ? "0" : unknownAnswers.entrySet().stream()
        .map(e -> e.getKey() + "×" + e.getValue()).collect(Collectors.joining(", "));
    return "| " + index + " | " + fault + " | " + acknowledged + (acknowledgedAfterUnknown > 0 ? " (" + acknowledgedAfterUnknown
        + " after retries)" : "") + " | " + refused + " | " + unknown + " | " + findings.lost().size()
        + (findings.unresolved().isEmpty() ? "" : " (+" + findings.unresolved().size() + " unresolved)") + " | "
        + findings.doubled().size() + " | " + stats + " | " + String.format("%.1f", restartSeconds) + " | "
        + (writesBackSeconds == null ? "–" : String.format("%.1f", writesBackSeconds)) + " | "
        + (s.caughtUp() ? String.format("%.1f", s.seconds()) : "not within " + String.format("%.0f", s.seconds())) + " |\n";
  }

  /** Every broken promise of this phase, precisely (empty when it held). */
  List<String> failures() {
    List<String> out = new ArrayList<>();
    String at = "phase " + index + " (" + fault + "): ";
    findings.lost().forEach(l -> out.add(at + "LOST " + l));
    findings.doubled().forEach(d -> out.add(at + "DOUBLE-COUNTED " + d));
    findings.unresolved().forEach(u -> out.add(at + "UNRESOLVED (no definite answer in time) " + u));
    Verifier.StatsCheck s = findings.stats();
    if (!s.caughtUp()) {
      if (s.differences().isEmpty()) out.add(at + "statistics not caught up within " + String.format("%.0f", s.seconds())
          + " s (lag " + s.lag() + ")");
      s.differences().forEach(d -> out.add(at + "STATISTICS ≠ RECORD " + d + " (lag " + s.lag() + ")"));
    }
    return out;
  }
}
