package village.project.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;
import village.events.vocabulary.ProjectStatus;
import static village.events.vocabulary.ProjectStatus.*;

class LifecycleTest {
  /** The lifecycle of API.md, written out independently of the implementation's table. */
  static final Set<List<ProjectStatus>> ALLOWED = Set.of(
      List.of(PLANNED, APPROVED), List.of(APPROVED, IN_PROGRESS), List.of(IN_PROGRESS, COMPLETED),
      List.of(PLANNED, SUSPENDED), List.of(APPROVED, SUSPENDED), List.of(IN_PROGRESS, SUSPENDED),
      List.of(SUSPENDED, IN_PROGRESS),
      List.of(PLANNED, CANCELLED), List.of(APPROVED, CANCELLED), List.of(IN_PROGRESS, CANCELLED), List.of(SUSPENDED, CANCELLED));

  static Stream<Arguments> allowed() {
    return ALLOWED.stream().map(t -> Arguments.of(t.get(0), t.get(1)));
  }

  static Stream<Arguments> forbidden() {
    List<Arguments> out = new ArrayList<>();
    for (ProjectStatus from : values()) {
      for (ProjectStatus to : values()) {
        if (!ALLOWED.contains(List.of(from, to))) out.add(Arguments.of(from, to));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} -> {1} allowed")
  @MethodSource("allowed")
  void allowedTransitions(ProjectStatus from, ProjectStatus to) {
    assertThat(Lifecycle.canMove(from, to)).isTrue();
    assertThat(Lifecycle.move(from, to)).isEqualTo(to);
  }

  @ParameterizedTest(name = "{0} -> {1} refused")
  @MethodSource("forbidden")
  void forbiddenTransitions(ProjectStatus from, ProjectStatus to) {
    assertThat(Lifecycle.canMove(from, to)).isFalse();
    assertThatThrownBy(() -> Lifecycle.move(from, to))
        .isInstanceOfSatisfying(InvalidStatusTransition.class, e -> {
          assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
          assertThat(e.getMessage()).startsWith("Project is " + from + "; cannot move to " + to);
          assertThat(e.toProblemDetail().getProperties()).containsEntry("currentStatus", from.name());
        });
  }

  @Test
  void everyPairIsCovered() {
    assertThat(allowed().count() + forbidden().count()).isEqualTo((long) values().length * values().length);
    assertThat(allowed().count()).isEqualTo(11);
  }

  @Test
  void onlyCompletedAndCancelledAreFinal() {
    EnumSet<ProjectStatus> finals = EnumSet.noneOf(ProjectStatus.class);
    for (ProjectStatus s : values()) if (Lifecycle.isFinal(s)) finals.add(s);
    assertThat(finals).containsExactlyInAnyOrder(COMPLETED, CANCELLED);
  }
}
