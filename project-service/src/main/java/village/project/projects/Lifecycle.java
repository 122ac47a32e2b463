package village.project.projects;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import village.events.vocabulary.ProjectStatus;

/**
 * A project's lifecycle over the shared {@link ProjectStatus}: PLANNED→APPROVED→IN_PROGRESS→COMPLETED; PLANNED,
 * APPROVED and IN_PROGRESS may be SUSPENDED; SUSPENDED goes back to IN_PROGRESS; any non-final status may be
 * CANCELLED. COMPLETED and CANCELLED are final. Every other move is refused.
 */
final class Lifecycle {
  private static final Map<ProjectStatus, Set<ProjectStatus>> NEXT = new EnumMap<>(ProjectStatus.class);

  static {
    NEXT.put(ProjectStatus.PLANNED, EnumSet.of(ProjectStatus.APPROVED, ProjectStatus.SUSPENDED, ProjectStatus.CANCELLED));
    NEXT.put(ProjectStatus.APPROVED, EnumSet.of(ProjectStatus.IN_PROGRESS, ProjectStatus.SUSPENDED, ProjectStatus.CANCELLED));
    NEXT.put(ProjectStatus.IN_PROGRESS, EnumSet.of(ProjectStatus.COMPLETED, ProjectStatus.SUSPENDED, ProjectStatus.CANCELLED));
    NEXT.put(ProjectStatus.SUSPENDED, EnumSet.of(ProjectStatus.IN_PROGRESS, ProjectStatus.CANCELLED));
    NEXT.put(ProjectStatus.COMPLETED, EnumSet.noneOf(ProjectStatus.class));
    NEXT.put(ProjectStatus.CANCELLED, EnumSet.noneOf(ProjectStatus.class));
  }

  private Lifecycle() {}

  static boolean isFinal(ProjectStatus status) {
    return NEXT.get(status).isEmpty();
  }

  /** The names of the final statuses (for a database filter). */
  static List<String> finalNames() {
    return Arrays.stream(ProjectStatus.values()).filter(Lifecycle::isFinal).map(Enum::name).toList();
  }

  static boolean canMove(ProjectStatus from, ProjectStatus to) {
    return NEXT.get(from).contains(to);
  }

  /** The statuses reachable from this one. */
  static Set<ProjectStatus> next(ProjectStatus from) {
    Set<ProjectStatus> next = NEXT.get(from);
    return next.isEmpty() ? EnumSet.noneOf(ProjectStatus.class) : EnumSet.copyOf(next);
  }

  /** The target, or a 409 {@link InvalidStatusTransition} naming the current status. */
  static ProjectStatus move(ProjectStatus from, ProjectStatus to) {
    if (!canMove(from, to)) throw new InvalidStatusTransition(from, to);
    return to;
  }
}
