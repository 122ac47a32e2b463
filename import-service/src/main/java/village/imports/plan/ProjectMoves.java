package village.imports.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's allowed status moves (API.md): PLANNED→APPROVED→IN_PROGRESS→COMPLETED; PLANNED/APPROVED/IN_PROGRESS→
 * SUSPENDED; SUSPENDED→IN_PROGRESS; any that is not over (COMPLETED, CANCELLED)→CANCELLED. The import reaches a
 * row's status by the shortest chain of them.
 */
final class ProjectMoves {
  private static final Map<String, List<String>> NEXT = Map.of(
      "PLANNED", List.of("APPROVED", "SUSPENDED", "CANCELLED"),
      "APPROVED", List.of("IN_PROGRESS", "SUSPENDED", "CANCELLED"),
      "IN_PROGRESS", List.of("COMPLETED", "SUSPENDED", "CANCELLED"),
      "SUSPENDED", List.of("IN_PROGRESS", "CANCELLED"),
      "COMPLETED", List.of(),
      "CANCELLED", List.of());

  private ProjectMoves() {}

  /** The statuses passed through from {@code from} to {@code to} (ending with {@code to}); empty if equal; null if unreachable. */
  static List<String> path(String from, String to) {
    if (from.equals(to)) return List.of();
    Map<String, String> previous = new HashMap<>();
    ArrayDeque<String> queue = new ArrayDeque<>(List.of(from));
    while (!queue.isEmpty()) {
      String s = queue.poll();
      for (String n : NEXT.getOrDefault(s, List.of())) {
        if (n.equals(from) || previous.containsKey(n)) continue;
        previous.put(n, s);
        if (n.equals(to)) {
          List<String> path = new ArrayList<>();
          for (String x = to; !x.equals(from); x = previous.get(x)) path.add(x);
          Collections.reverse(path);
          return path;
        }
        queue.add(n);
      }
    }
    return null;
  }
}
