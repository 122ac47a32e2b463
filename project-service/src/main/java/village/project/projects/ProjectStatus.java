package village.project.projects;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A project's lifecycle: PLANNED→APPROVED→IN_PROGRESS→COMPLETED; PLANNED, APPROVED and IN_PROGRESS may be
 * SUSPENDED; SUSPENDED goes back to IN_PROGRESS; any non-final status may be CANCELLED. COMPLETED and CANCELLED
 * are final. Every other move is refused.
 */
enum ProjectStatus {
  PLANNED, APPROVED, IN_PROGRESS, SUSPENDED, COMPLETED, CANCELLED;

  private static final Map<ProjectStatus, Set<ProjectStatus>> NEXT = new EnumMap<>(ProjectStatus.class);

  static {
    NEXT.put(PLANNED, EnumSet.of(APPROVED, SUSPENDED, CANCELLED));
    NEXT.put(APPROVED, EnumSet.of(IN_PROGRESS, SUSPENDED, CANCELLED));
    NEXT.put(IN_PROGRESS, EnumSet.of(COMPLETED, SUSPENDED, CANCELLED));
    NEXT.put(SUSPENDED, EnumSet.of(IN_PROGRESS, CANCELLED));
    NEXT.put(COMPLETED, EnumSet.noneOf(ProjectStatus.class));
    NEXT.put(CANCELLED, EnumSet.noneOf(ProjectStatus.class));
  }

  boolean isFinal() {
    return NEXT.get(this).isEmpty();
  }

  /** The names of the final statuses (for a database filter). */
  static List<String> finalNames() {
    return Arrays.stream(values()).filter(ProjectStatus::isFinal).map(Enum::name).toList();
  }

  boolean canMoveTo(ProjectStatus target) {
    return NEXT.get(this).contains(target);
  }

  /** The statuses reachable from this one. */
  Set<ProjectStatus> next() {
    return EnumSet.copyOf(NEXT.get(this).isEmpty() ? EnumSet.noneOf(ProjectStatus.class) : NEXT.get(this));
  }

  /** The target, or a 409 {@link InvalidStatusTransition} naming this status. */
  ProjectStatus moveTo(ProjectStatus target) {
    if (!canMoveTo(target)) throw new InvalidStatusTransition(this, target);
    return target;
  }
}
