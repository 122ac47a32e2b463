package village.reporting.stats;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  Map<String, Object> overview(Caller caller, @RequestParam(required = false) Integer year,
      @RequestParam(required = false) String township) {
    return reader.overview(scope(caller, township), year);
  }

  @Operation(operationId = "getTownships", summary = "Figures per township")
  @GetMapping("/townships")
  Map<String, Object> townships(Caller caller, @RequestParam(required = false) Integer year,
      @RequestParam(required = false) String township) {
    String scope = scope(caller, township);
    Map<String, Object> out = header();
    out.put("year", year(year));
    List<Map<String, Object>> rows = consumer.model().townships(year);
    if (scope != null) rows = rows.stream().filter(r -> scope.equals(r.get("township"))).toList();
    out.put("items", rows);
    return out;
  }

  @Operation(operationId = "getVillageFigures", summary = "Figures per village")
  @GetMapping("/villages")
  Map<String, Object> villages(Caller caller, @RequestParam(required = false) Integer year,
      @RequestParam(required = false) String township) {
    String scope = scope(caller, township);
    Map<String, Object> out = header();
    out.put("year", year(year));
    out.put("items", consumer.model().villages(scope, year));
    return out;
  }

  @Operation(operationId = "exportFigures", summary = "Export the figures (CSV or XLSX)")
  @GetMapping("/export")
  ResponseEntity<byte[]> export(Caller caller, @RequestParam(required = false) String format,
      @RequestParam(required = false) Integer year, @RequestParam(required = false) String township) {
    String scope = scope(caller, township);
    List<Map<String, Object>> rows = consumer.model().villages(scope, year(year));
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
  ResponseEntity<Map<String, Object>> rebuild(Caller caller) {
    caller.requireAnyRole(Role.COUNTY);
    RebuildProgress.Request r = consumer.rebuild();
    if (!r.started()) {
      throw Problems.conflict("rebuild-running", "A rebuild is running",
          "A rebuild started at " + r.progress().startedAt() + " is running (" + r.progress().applied() + " of "
              + r.progress().total() + " records read); the statistics say rebuilding: true until it is swapped in.");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "rebuilding");
    body.put("detail", "A new read model is built from offset 0 of every topic; the current one answers until the new one "
        + "has caught up, then it is swapped in. Statistics responses carry rebuilding: true and the progress meanwhile.");
    body.put("rebuild", r.progress().toMap());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
  }

  @Operation(operationId = "listDeadLetters", summary = "List dead-lettered events")
  @GetMapping("/dead-letters")
  Map<String, Object> deadLetters(Caller caller, @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.COUNTY);
    int n = size == null ? 100 : Math.max(1, Math.min(500, size));
    return Map.of("total", deadLetters.count(), "items", deadLetters.list(n));
  }

  private Map<String, Object> header() {
    return reader.header();
  }

  private static String scope(Caller caller, String township) {
    return StatsReader.scope(caller, township);
  }

  private static Integer year(Integer year) {
    return StatsReader.year(year);
  }
}
