package village.imports.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import village.imports.plan.Op;
import village.imports.plan.Op.Kind;

class WriteLanesTest {
  private static Op op(Kind kind, int row, Map<String, String> refs) {
    return new Op(kind, "sheet", row, "k" + row, Map.of(), refs);
  }

  @Test
  void stagesFollowThePlanKindByKindSoReferencesAreWrittenFirst() {
    List<Op> ops = List.of(op(Kind.REGISTER_ORGANIZATION, 2, Map.of()), op(Kind.REGISTER_ORGANIZATION, 3, Map.of()),
        op(Kind.POST_NEED, 2, Map.of("need", "N1")), op(Kind.RESOLVE_NEED, 2, Map.of("need", "N1")),
        op(Kind.REGISTER_ORGANIZATION, 4, Map.of()));
    List<WriteLanes.Stage> stages = WriteLanes.of(ops);
    assertThat(stages).extracting(WriteLanes.Stage::kind).containsExactly(Kind.REGISTER_ORGANIZATION, Kind.POST_NEED,
        Kind.RESOLVE_NEED, Kind.REGISTER_ORGANIZATION);
    assertThat(stages.get(0).lanes()).hasSize(2); // two organizations: independent
    assertThat(stages.stream().mapToInt(WriteLanes.Stage::size).sum()).isEqualTo(ops.size());
  }

  @Test
  void writesToOneRecordShareALaneInPlanOrder() {
    List<Op> ops = List.of(op(Kind.DISBURSE, 2, Map.of("fund", "F1")), op(Kind.DISBURSE, 3, Map.of("fund", "F2")),
        op(Kind.DISBURSE, 4, Map.of("fund", "F1")), op(Kind.DISBURSE, 5, Map.of("fund", "F1")));
    List<List<Op>> lanes = WriteLanes.of(ops).get(0).lanes();
    assertThat(lanes).hasSize(2);
    assertThat(lanes.get(0)).extracting(Op::row).containsExactly(2, 4, 5);
    assertThat(lanes.get(1)).extracting(Op::row).containsExactly(3);
    List<Op> moves = List.of(op(Kind.CHANGE_PROJECT_STATUS, 2, Map.of("project", "P1", "status", "APPROVED")),
        op(Kind.CHANGE_PROJECT_STATUS, 2, Map.of("project", "P1", "status", "IN_PROGRESS")),
        op(Kind.CHANGE_PROJECT_STATUS, 3, Map.of("project", "P2", "status", "APPROVED")));
    List<List<Op>> projectLanes = WriteLanes.of(moves).get(0).lanes();
    assertThat(projectLanes).hasSize(2);
    assertThat(projectLanes.get(0)).extracting(o -> o.ref("status")).containsExactly("APPROVED", "IN_PROGRESS");
  }
}
