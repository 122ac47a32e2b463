package village.project.projects;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** {@code POST /api/projects/{id}/progress}: {@code {percentComplete 0–100, reportedOn, note?}}. */
record ReportProgressRequest(
    @NotNull @Min(value = 0, message = "{village.validation.percent}") @Max(value = 100, message = "{village.validation.percent}")
    Integer percentComplete,
    @NotNull(message = "{village.validation.required.date}") LocalDate reportedOn,
    @Size(max = 2000, message = "{village.validation.text.max}") String note) {}
