package village.project.projects;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import village.support.validation.OneOf;
import village.events.vocabulary.ProjectStatus;

/** {@code POST /api/projects/{id}/status}: {@code {status, reason?}}. */
record ChangeStatusRequest(
    @NotNull @OneOf(ProjectStatus.class) String status,
    @Size(max = 2000, message = "{village.validation.text.max}") String reason) {}
