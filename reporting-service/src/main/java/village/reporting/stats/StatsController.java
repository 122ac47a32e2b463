package village.reporting.stats;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import village.reporting.consumer.DeadLetters;
import village.reporting.consumer.RebuildProgress;
import village.reporting.consumer.StatsConsumer;
import village.reporting.readmodel.VillageFigures;
import village.reporting.stats.StatsResponses.DeadLetterList;
import village.reporting.stats.StatsResponses.OverviewResponse;
import village.reporting.stats.StatsResponses.RebuildStarted;
import village.reporting.stats.StatsResponses.TownshipsResponse;
import village.reporting.stats.StatsResponses.VillagesResponse;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.Problems;

/**
 * {@code /api/stats}: the county's statistics from the read model. COUNTY and TOWNSHIP read (a TOWNSHIP token sees only
 * the township of its {@code township} claim; one without the claim is refused); ORGANIZATION gets 403. Every response
 * carries {@code asOf}, the consumer {@code lag}, {@code rebuilding} (with the {@code rebuild} progress while one runs),
 * {@code gaps}, and {@code behind} when {@code asOf} trails (see docs/OPERATIONS.md).
 */
@Tag(name = "Statistics", description = "The county's statistics, built from the events; every response says how fresh it is (asOf, lag, behind)")
@RestController
@RequestMapping("/api/stats")
class StatsController {
  private final StatsConsumer consumer;
  private final DeadLetters deadLetters;
  private final StatsReader reader;

  StatsController(StatsConsumer consumer, DeadLetters deadLetters, StatsReader reader) {
    this.consumer = consumer;
    this.deadLetters = deadLetters;
    this.reader = reader;
  }

  @Operation(operationId = "getOverview", summary = "Overview figures for the county or a township")
  @GetMapping("/overview")
  OverviewResponse overview(Caller caller, @RequestParam(required = false) Integer year,
      @RequestParam(required = false) String township) {
    return reader.overview(scope(caller, township), year);
  }

  @Operation(operationId = "getTownships", summary = "Figures per township")
  @GetMapping("/townships")
  TownshipsResponse townships(Caller caller, @RequestParam(required = false) Integer year,
      @RequestParam(required = false) String township) {
    return reader.townships(scope(caller, township), year);
  }

  @Operation(operationId = "getVillageFigures", summary = "Figures per village")
  @GetMapping("/villages")
  VillagesResponse villages(Caller caller, @RequestParam(required = false) Integer year,
      @RequestParam(required = false) String township) {
    return reader.villages(scope(caller, township), year);
  }

  @Operation(operationId = "exportFigures", summary = "Export the figures (CSV or XLSX)")
  @GetMapping("/export")
  ResponseEntity<byte[]> export(Caller caller, @RequestParam(required = false) String format,
      @RequestParam(required = false) Integer year, @RequestParam(required = false) String township) {
    String scope = scope(caller, township);
    List<VillageFigures> rows = reader.villageRows(scope, year);
    String f = format == null ? "csv" : format;
    String name = "village-stats" + (year == null ? "" : "-" + year);
    return switch (f) {
      case "csv" -> ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
          .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)).body(Export.csv(rows));
      case "xlsx" -> ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".xlsx\"")
          .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
          .body(Export.xlsx(rows));
      default -> throw Problems.invalid("format", "must be csv or xlsx");
    };
  }

  /** 202 with the new rebuild's progress; 409 while one is running (that one goes on undisturbed). */
  @Operation(operationId = "rebuildStatistics", summary = "Rebuild the statistics from the event log")
  @ApiResponse(responseCode = "202", description = "Accepted: the rebuild runs in the background")
  @PostMapping("/rebuild")
  ResponseEntity<RebuildStarted> rebuild(Caller caller) {
    caller.requireAnyRole(Role.COUNTY);
    RebuildProgress.Request r = consumer.rebuild();
    if (!r.started()) {
      throw Problems.conflict("rebuild-running", "A rebuild is running",
          "A rebuild started at " + r.progress().startedAt() + " is running (" + r.progress().applied() + " of "
              + r.progress().total() + " records read); the statistics say rebuilding: true until it is swapped in.");
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RebuildStarted("rebuilding",
        "A new read model is built from offset 0 of every topic; the current one answers until the new one "
        + "has caught up, then it is swapped in. Statistics responses carry rebuilding: true and the progress meanwhile.",
        r.progress()));
  }

  @Operation(operationId = "listDeadLetters", summary = "List dead-lettered events")
  @GetMapping("/dead-letters")
  DeadLetterList deadLetters(Caller caller, @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.COUNTY);
    int n = size == null ? 100 : Math.max(1, Math.min(500, size));
    return new DeadLetterList(deadLetters.count(), deadLetters.list(n));
  }

  private static String scope(Caller caller, String township) {
    return StatsReader.scope(caller, township);
  }

}
