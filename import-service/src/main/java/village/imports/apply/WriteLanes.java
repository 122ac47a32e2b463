package village.imports.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import village.imports.plan.Op;

/**
 * How a plan's writes may run side by side. The plan is cut into stages — each a run of consecutive writes of one
 * kind, so everything a write refers to (the organization of a pairing, the need a resolve closes) was written in
 * an earlier stage — and each stage into lanes: writes to the same record (the moves of one project, the
 * disbursements of one fund, the resolve of one need) share a lane and keep their order; lanes are independent.
 */
final class WriteLanes {
  private WriteLanes() {}

  /** A stage: its lanes, each in plan order. */
  record Stage(Op.Kind kind, List<List<Op>> lanes) {
    int size() {
      return lanes.stream().mapToInt(List::size).sum();
    }
  }

  static List<Stage> of(List<Op> ops) {
    List<Stage> stages = new ArrayList<>();
    int i = 0;
    while (i < ops.size()) {
      Op.Kind kind = ops.get(i).kind();
      Map<String, List<Op>> lanes = new LinkedHashMap<>();
      while (i < ops.size() && ops.get(i).kind() == kind) {
        Op op = ops.get(i++);
        lanes.computeIfAbsent(lane(op), k -> new ArrayList<>()).add(op);
      }
      stages.add(new Stage(kind, List.copyOf(lanes.values())));
    }
    return stages;
  }

  /** Writes with the same lane touch the same record. */
  static String lane(Op op) {
    return switch (op.kind()) {
      case CHANGE_PROJECT_STATUS, REPORT_PROGRESS, COMPLETE_MILESTONE, REGISTER_PROJECT -> "project:" + op.ref("project");
      case DISBURSE -> "fund:" + op.ref("fund");
      case RESOLVE_NEED -> "need:" + op.ref("need");
      case END_PARTNERSHIP -> "pairing:" + op.ref("organization") + "|" + op.ref("village");
      case REPORT_INCOME -> "income:" + op.ref("village") + "|" + op.ref("year");
      default -> "row:" + op.sheet() + "#" + op.row() + "#" + op.naturalKey();
    };
  }
}
