package village.imports.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import village.imports.plan.Plan;
import village.imports.workbook.RowError;

/**
 * An import as the API shows it: QUEUED → VALIDATING → APPLYING → DONE, or FAILED (with errors, nothing changed; or
 * interrupted, then posting the same file again resumes it under the same id). {@code changes}: what each row does
 * (CREATE, UPDATE with what differs, UNCHANGED, FAILED); {@code errors} and {@code changes} keep at most
 * {@link ImportJobs#MAX_LISTED} entries each ({@code errorCount} says how many errors there were).
 */
public record ImportJob(String id, String township, String createdBy, String fileName, String sha256, long size, boolean dryRun,
    String onError, String status, Progress progress, Map<String, Plan.SheetSummary> summary, List<RowError> errors,
    int errorCount, List<Plan.Change> changes, String message, boolean interrupted, int attempts, Instant createdAt,
    Instant updatedAt) {
  public static final String QUEUED = "QUEUED";
  public static final String VALIDATING = "VALIDATING";
  public static final String APPLYING = "APPLYING";
  public static final String DONE = "DONE";
  public static final String FAILED = "FAILED";

  public record Progress(int done, int total) {}

  boolean running() {
    return QUEUED.equals(status) || VALIDATING.equals(status) || APPLYING.equals(status);
  }
}
