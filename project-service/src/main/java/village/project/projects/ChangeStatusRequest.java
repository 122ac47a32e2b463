package village.project.projects;

/** {@code POST /api/projects/{id}/status}: {@code {status, reason?}}. */
record ChangeStatusRequest(String status, String reason) {}
