package village.project.projects;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** {@code POST /api/projects/{id}/milestones/{milestoneId}/complete}: {@code {completedOn}}. */
record CompleteMilestoneRequest(@NotNull(message = "{village.validation.required.date}") LocalDate completedOn) {}
