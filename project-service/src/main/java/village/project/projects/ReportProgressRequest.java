package village.project.projects;

import java.time.LocalDate;

/** {@code POST /api/projects/{id}/progress}: {@code {percentComplete 0–100, reportedOn, note?}}. */
record ReportProgressRequest(Integer percentComplete, LocalDate reportedOn, String note) {}
