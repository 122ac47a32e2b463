package village.project.projects;

import java.time.LocalDate;

/** {@code POST /api/projects/{id}/milestones/{milestoneId}/complete}: {@code {completedOn}}. */
record CompleteMilestoneRequest(LocalDate completedOn) {}
