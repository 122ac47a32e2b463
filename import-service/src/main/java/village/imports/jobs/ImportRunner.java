package village.imports.jobs;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import village.imports.ImportProperties;
import village.imports.apply.Applier;
import village.imports.apply.RegisterReader;
import village.imports.apply.ServiceClient;
import village.imports.apply.Patience;
import village.imports.apply.Services;
import village.imports.plan.Plan;
import village.imports.plan.Register;
import village.imports.plan.Validator;
import village.imports.workbook.ParsedWorkbook;
import village.imports.workbook.RowError;
import village.support.web.ProblemException;

/**
 * Runs imports one after another on a background thread: reads the record as the caller, validates every row, and
 * (unless a dry run, or errors without {@code onError=skip}) applies the plan, keeping the job's status, progress,
 * summary and errors in the database as it goes. The caller's token is held in memory for the run only.
 */
@Component
class ImportRunner implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private final ImportJobs jobs;
  private final ImportProperties props;
  private final Clock clock;
  private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16),
      r -> {
        Thread t = new Thread(r, "import-runner");
        t.setDaemon(true);
        return t;
      });

  ImportRunner(ImportJobs jobs, ImportProperties props, Clock clock) {
    this.jobs = jobs;
    this.props = props;
    this.clock = clock;
    int n = jobs.markInterrupted();
    if (n > 0) log.warn("{} import(s) were interrupted by the last stop; posting the same file again resumes them", n);
  }

  void submit(ImportJob job, ParsedWorkbook wb, String bearer) {
    try {
      executor.execute(() -> run(job, wb, bearer));
    } catch (RejectedExecutionException e) {
      jobs.status(job.id(), ImportJob.FAILED, "too many imports waiting; post the file again in a minute");
      throw new ProblemException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "import-queue-full", "Import queue full",
          "Too many imports are waiting; post the file again in a minute.", List.of(), Map.of("Retry-After", "60"));
    }
  }

  void run(ImportJob job, ParsedWorkbook wb, String bearer) {
    MDC.put("requestId", job.id());
    try {
      jobs.status(job.id(), ImportJob.VALIDATING, null);
      Services services = Services.of(props.services(), bearer, job.id(), Patience.of(props.retryFor(), wait -> {
        log.warn("import {}: {}", job.id(), wait);
        jobs.note(job.id(), "waiting: " + wait);
      }));
      Register register = RegisterReader.read(services, job.township(), wb);
      Plan plan = Validator.validate(wb, job.township(), register, LocalDate.now(clock.withZone(CHINA)));
      boolean skip = "skip".equals(job.onError());
      List<RowError> errors = new ArrayList<>(plan.errors());
      if (job.dryRun()) {
        finish(job, ImportJob.DONE, plan, errors, plan.ops().size(), plan.ops().size(),
            errors.isEmpty() ? "dry run: nothing was changed" : "dry run: " + errors.size() + " error(s); nothing was changed", false);
        return;
      }
      if (!errors.isEmpty() && !skip) {
        finish(job, ImportJob.FAILED, plan, errors, 0, plan.ops().size(), errors.size() + " error(s); nothing was changed", false);
        return;
      }
      finish(job, ImportJob.APPLYING, plan, errors, 0, plan.ops().size(), null, false);
      Applier applier = new Applier(services, job.township(), register, skip);
      int total = plan.ops().size();
      long[] last = {0};
      Applier.Outcome outcome = applier.apply(plan.ops(), done -> {
        long now = System.nanoTime();
        if (now - last[0] > 300_000_000L || done == total) {
          last[0] = now;
          jobs.progress(job.id(), done, total);
        }
      });
      errors.addAll(outcome.errors());
      int done = total;
      if (outcome.stopped()) {
        done = jobs.find(job.id()).map(j -> j.progress().done()).orElse(0);
        finish(job, ImportJob.FAILED, failRows(plan, outcome.errors()), errors, done, total, outcome.stopReason(), true);
      } else {
        finish(job, ImportJob.DONE, failRows(plan, outcome.errors()), errors, done, total,
            errors.isEmpty() ? "imported" : "imported the valid rows; " + errors.size() + " row error(s)", false);
      }
    } catch (ServiceClient.Unavailable e) {
      jobs.save(with(job, ImportJob.FAILED, e.getMessage() + "; post the same file again to resume", true));
    } catch (ServiceClient.Refused e) {
      jobs.save(with(job, ImportJob.FAILED, "the record could not be read with this token: " + e.getMessage(), false));
    } catch (RuntimeException e) {
      log.error("import {} failed", job.id(), e);
      jobs.save(with(job, ImportJob.FAILED, "the import failed unexpectedly (" + e.getClass().getSimpleName() + "); post the file again", true));
    } finally {
      MDC.remove("requestId");
    }
  }

  /** The plan with the rows whose write was refused counted as failed. */
  private static Plan failRows(Plan plan, List<RowError> refused) {
    if (refused.isEmpty()) return plan;
    Set<String> failed = new HashSet<>();
    refused.forEach(e -> failed.add(e.sheet() + "#" + e.row()));
    List<Plan.Change> changes = new ArrayList<>();
    for (Plan.Change c : plan.changes()) {
      changes.add(failed.contains(c.sheet() + "#" + c.row()) ? new Plan.Change(c.sheet(), c.row(), "FAILED", c.detail()) : c);
    }
    return new Plan(plan.errors(), changes, plan.ops(), plan.summary());
  }

  private void finish(ImportJob job, String status, Plan plan, List<RowError> errors, int done, int total, String message,
      boolean interrupted) {
    boolean refusedWhileApplying = errors.size() > plan.errors().size();
    Map<String, Plan.SheetSummary> summary = refusedWhileApplying ? recount(plan, plan.summary()) : plan.summary();
    jobs.save(new ImportJob(job.id(), job.township(), job.createdBy(), job.fileName(), job.sha256(), job.size(), job.dryRun(),
        job.onError(), status, new ImportJob.Progress(done, total), summary, errors, errors.size(),
        plan.changes(), message, interrupted, job.attempts(), job.createdAt(), Instant.now(clock)));
  }

  private static Map<String, Plan.SheetSummary> recount(Plan plan, Map<String, Plan.SheetSummary> summary) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (Plan.Change c : plan.changes()) {
      String key = village.imports.workbook.WorkbookContract.sheet(c.sheet()).map(s -> s.key()).orElse(c.sheet());
      int[] n = counts.computeIfAbsent(key, k -> new int[4]);
      switch (c.action()) {
        case "CREATE" -> n[0]++;
        case "UPDATE" -> n[1]++;
        case "UNCHANGED" -> n[2]++;
        default -> n[3]++;
      }
    }
    Map<String, Plan.SheetSummary> out = new LinkedHashMap<>(summary);
    counts.forEach((k, n) -> out.put(k, new Plan.SheetSummary(n[0], n[1], n[2], n[3])));
    return out;
  }

  private ImportJob with(ImportJob job, String status, String message, boolean interrupted) {
    ImportJob now = jobs.find(job.id()).orElse(job);
    return new ImportJob(now.id(), now.township(), now.createdBy(), now.fileName(), now.sha256(), now.size(), now.dryRun(),
        now.onError(), status, now.progress(), now.summary(), now.errors(), now.errorCount(), now.changes(), message,
        interrupted, now.attempts(), now.createdAt(), Instant.now(clock));
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
