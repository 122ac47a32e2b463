package village.reporting.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import village.reporting.freshness.Freshness;
import village.reporting.stats.StatsReader;
import village.support.security.Caller;
import village.support.web.Problems;

/**
 * {@code /api/stats/report}: the year's summary drafted from the statistics, each number a slot bound to the
 * {@code /api/stats/overview} query that returns it ({@code format=md|html|docx|json}), and {@code /verify}, which
 * recomputes a drafted report's slots. Same callers as every statistics call: COUNTY any township, TOWNSHIP its own.
 */
@Tag(name = "Report", description = "The township's year drafted in the report's words (年度总结), every number a slot bound to the statistics query that returns it")
@RestController
@RequestMapping("/api/stats/report")
class ReportController {
  static final int MAX_SLOTS = 500;
  private static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);
  private static final MediaType DOCX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

  /** The body of {@code /verify}: the slot list (a {@code format=json} report as it is will do). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record VerifyRequest(List<Slot> slots) {}

  /** {@code format=json}: the text of each section (figures as written), the closing line, freshness and the slots. */
  @Schema(name = "DraftedReport")
  record DraftedReport(Integer year, @Schema(description = "absent: the county's report") String township, String title,
      List<SectionText> sections, String closing, String asOf, Report.Freshness freshness, List<Slot> slots) {
    static DraftedReport of(Report report) {
      List<SectionText> sections = report.sections().stream().map(s -> new SectionText(s.heading(), report.text(s))).toList();
      return new DraftedReport(report.year(), report.township(), report.title(), sections, report.closing(),
          report.freshness().asOf(), report.freshness(), report.slots());
    }
  }

  /** A section's heading and its plain text, figures as the report writes them. */
  record SectionText(String heading, String text) {}

  /**
   * What {@code /verify} answers: the statistics' time now ({@code behind} when they trail the clock), how many slots
   * were checked, how many still hold, and each one whose figure changed.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Verification(Instant asOf, Freshness.Behind behind, int checked, int unchanged, List<ReportVerifier.Change> changed) {
    static Verification of(Freshness.Header now, ReportVerifier.Result r) {
      return new Verification(now.asOf(), now.behind(), r.checked(), r.checked() - r.changed().size(), r.changed());
    }
  }

  private final StatsReader stats;
  private final JsonMapper json = JsonMapper.builder().build();

  ReportController(StatsReader stats) {
    this.stats = stats;
  }

  @Operation(operationId = "draftReport", summary = "Draft the year's report (md, html, docx or json with its slots)")
  @ApiResponse(responseCode = "200", description = "The drafted report in the format asked for", content = {
      @Content(mediaType = "application/json", schema = @Schema(implementation = DraftedReport.class)),
      @Content(mediaType = "text/markdown", schema = @Schema(type = "string")),
      @Content(mediaType = "text/html", schema = @Schema(type = "string")),
      @Content(mediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          schema = @Schema(type = "string", format = "binary"))})
  @GetMapping
  ResponseEntity<?> report(Caller caller, @Parameter(required = true, description = "the report's year") @RequestParam(required = false) Integer year,
      @RequestParam(required = false) String township, @RequestParam(required = false) String format) {
    String scope = StatsReader.scope(caller, township);
    if (year == null) throw Problems.invalid("year", "is required");
    StatsReader.year(year);
    String f = format == null ? "md" : format;
    if (!List.of("md", "html", "docx", "json").contains(f)) throw Problems.invalid("format", "must be md, html, docx or json");
    Report report = new ReportDrafter(q -> stats.overviewAsJson(q.township(), q.year())).draft(year, scope);
    String slots = json.writeValueAsString(Map.of("slots", report.slots()));
    String name = "report-" + year + (scope == null ? "" : "-" + scope);
    return switch (f) {
      case "md" -> file(name + ".md", MARKDOWN, MarkdownReport.render(report, slots).getBytes(StandardCharsets.UTF_8), false);
      case "html" -> file(name + ".html", new MediaType("text", "html", StandardCharsets.UTF_8),
          HtmlReport.render(report, slots).getBytes(StandardCharsets.UTF_8), false);
      case "docx" -> file(name + ".docx", DOCX, DocxReport.render(report), true);
      default -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(DraftedReport.of(report));
    };
  }

  @Operation(operationId = "verifyReport", summary = "Recompute a drafted report's slots and list those that changed")
  @PostMapping("/verify")
  Verification verify(Caller caller, @RequestBody VerifyRequest body) {
    StatsReader.scope(caller, null); // the role checks; each slot's township is checked below
    if (body == null || body.slots() == null) throw Problems.invalid("slots", "is required: the slot list of a drafted report");
    if (body.slots().size() > MAX_SLOTS) throw Problems.invalid("slots", "at most " + MAX_SLOTS + " slots");
    ReportVerifier verifier = new ReportVerifier(q -> stats.overviewAsJson(StatsReader.scope(caller, q.township()), StatsReader.year(q.year())));
    ReportVerifier.Result result;
    try {
      result = verifier.verify(body.slots());
    } catch (ReportVerifier.BadSlot e) {
      throw Problems.invalid(e.field(), e.getMessage());
    }
    return Verification.of(stats.overview(StatsReader.scope(caller, null), null).header().freshness(), result);
  }

  private static ResponseEntity<byte[]> file(String name, MediaType type, byte[] body, boolean attachment) {
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return ResponseEntity.ok().contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION, (attachment ? "attachment" : "inline") + "; filename=\"" + ascii
            + "\"; filename*=UTF-8''" + encoded)
        .body(body);
  }
}
