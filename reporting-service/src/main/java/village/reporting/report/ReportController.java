package village.reporting.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

  private final StatsReader stats;
  private final JsonMapper json = JsonMapper.builder().build();

  ReportController(StatsReader stats) {
    this.stats = stats;
  }

  @Operation(operationId = "draftReport", summary = "Draft the year's report (md, html, docx or json with its slots)")
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
      default -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(asJson(report));
    };
  }

  @Operation(operationId = "verifyReport", summary = "Recompute a drafted report's slots and list those that changed")
  @PostMapping("/verify")
  Map<String, Object> verify(Caller caller, @RequestBody VerifyRequest body) {
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
    Map<String, Object> out = new LinkedHashMap<>();
    var now = stats.overview(StatsReader.scope(caller, null), null).header().freshness();
    out.put("asOf", now.asOf());
    if (now.behind() != null) out.put("behind", now.behind());
    out.putAll(ReportVerifier.toMap(result));
    return out;
  }

  /** {@code format=json}: the text of each section (figures as written), the closing line, freshness and the slots. */
  private static Map<String, Object> asJson(Report report) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("year", report.year());
    out.put("township", report.township());
    out.put("title", report.title());
    List<Map<String, Object>> sections = new ArrayList<>();
    for (Report.Section s : report.sections()) sections.add(Map.of("heading", s.heading(), "text", report.text(s)));
    out.put("sections", sections);
    out.put("closing", report.closing());
    out.put("asOf", report.freshness().asOf());
    out.put("freshness", report.freshness());
    out.put("slots", report.slots());
    return out;
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
