package village.events.vocabulary;

/** A project's status ({@code ProjectRegistered.status}, {@code ProjectStatusChanged.from/to}). */
public enum ProjectStatus {
  PLANNED, APPROVED, IN_PROGRESS, SUSPENDED, COMPLETED, CANCELLED
}
