package village.imports.jobs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import village.imports.ImportProperties;
import village.imports.apply.Patience;
import village.imports.apply.Services;
import village.imports.workbook.ErrorReport;
import village.imports.workbook.ParsedWorkbook;
import village.imports.workbook.TemplateWorkbook;
import village.imports.workbook.WorkbookReader;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import village.support.web.ProblemException;
import village.support.web.Problems;

/**
 * {@code /api/imports}: a TOWNSHIP posts its spreadsheet (dry run, or for real) and follows the job; the template and
 * the error report are workbooks. The file is checked (size, kind, macros, zip bombs, rows) before a job exists.
 */
@Tag(name = "Imports", description = "The township's spreadsheet imported through the public APIs: template, dry run, job, error report")
@RestController
@RequestMapping("/api/imports")
class ImportController {
  static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  private final ImportJobs jobs;
  private final ImportRunner runner;
  private final ImportProperties props;
  private final WorkbookReader reader;
  private final Clock clock;

  ImportController(ImportJobs jobs, ImportRunner runner, ImportProperties props, Clock clock) {
    this.jobs = jobs;
    this.runner = runner;
    this.props = props;
    this.reader = new WorkbookReader(props.maxFileBytes(), props.maxRows());
    this.clock = clock;
  }

  @Operation(operationId = "startImport", summary = "Import a workbook (dryRun=true only checks it)")
  @ApiResponse(responseCode = "202", description = "Accepted: the job's id and status; Location is the job")
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<Map<String, Object>> start(@RequestPart("file") MultipartFile file,
      @RequestParam(defaultValue = "false") boolean dryRun,
      @Parameter(description = "skip: apply the valid rows and report the rest; default: any error changes nothing")
      @RequestParam(required = false) String onError, Caller caller, HttpServletRequest request) throws IOException {
    caller.requireAnyRole(Role.TOWNSHIP);
    if (caller.township() == null) throw Problems.forbidden("The TOWNSHIP token names no township.");
    if (onError != null && !onError.equals("skip") && !onError.equals("stop")) throw Problems.invalid("onError", "must be skip or stop");
    if (file.getSize() > props.maxFileBytes()) {
      throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "import-file-too-large", "File too large",
          "The file has " + file.getSize() + " bytes; an import takes at most " + props.maxFileBytes() + " bytes (village.imports.max-file-bytes).");
    }
    byte[] bytes = file.getBytes();
    ParsedWorkbook wb = reader.read(bytes, file.getOriginalFilename());
    String sha = sha256(bytes);
    String township = caller.township();
    String id = null;
    int attempts = 1;
    if (!dryRun) {
      var earlier = jobs.latestForFile(township, sha);
      if (earlier.isPresent() && earlier.get().running()) {
        throw Problems.conflict("import-running", "Import running", "Import " + earlier.get().id() + " of this file is "
            + earlier.get().status() + "; follow it at /api/imports/" + earlier.get().id());
      }
      if (earlier.isPresent() && ImportJob.FAILED.equals(earlier.get().status()) && earlier.get().interrupted()) {
        id = earlier.get().id(); // resume: the same job, so its writes keep carrying its id
        attempts = earlier.get().attempts() + 1;
      }
    }
    if (id == null) id = "import-" + UUID.randomUUID().toString().substring(0, 13).replace("-", "");
    Instant now = clock.instant();
    ImportJob job = new ImportJob(id, township, caller.subject(), safeName(file.getOriginalFilename()), sha, bytes.length, dryRun,
        onError == null ? "stop" : onError, ImportJob.QUEUED, new ImportJob.Progress(0, wb.rowCount()), Map.of(), List.of(), 0,
        List.of(), attempts > 1 ? "resuming (attempt " + attempts + ")" : null, false, attempts, now, now);
    jobs.insert(job, bytes);
    runner.submit(job, wb, bearer(request));
    return ResponseEntity.accepted().location(URI.create("/api/imports/" + id)).body(Map.of("id", id, "status", ImportJob.QUEUED));
  }

  private static String bearer(HttpServletRequest request) {
    String h = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) throw Problems.forbidden("An import needs a bearer token.");
    return h.substring(7).strip();
  }

  private static String safeName(String name) {
    if (name == null) return "import.xlsx";
    String n = name.replaceAll("[\\p{Cntrl}/\\\\]", "_");
    return n.length() > 200 ? n.substring(0, 200) : n;
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Operation(operationId = "getImport", summary = "An import's status, progress, summary, errors and planned changes")
  @GetMapping("/{id}")
  ImportJob get(@PathVariable String id, Caller caller) {
    return readable(id, caller);
  }

  @Operation(operationId = "listImports", summary = "The township's imports, newest first")
  @GetMapping
  PageResponse<ImportJob> list(Caller caller, @RequestParam(required = false) String township,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.TOWNSHIP, Role.COUNTY);
    String t = caller.isCounty() ? township : caller.township();
    if (!caller.isCounty() && township != null && !township.equals(caller.township())) {
      throw Problems.forbidden("A TOWNSHIP token for '" + caller.township() + "' lists only its own imports.");
    }
    return jobs.list(t, PageQuery.of(page, size));
  }

  @Operation(operationId = "getImportReport", summary = "The uploaded workbook back, faulty cells marked with their messages")
  @ApiResponse(responseCode = "200", description = "The workbook",
      content = @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", schema = @Schema(type = "string", format = "binary")))
  @GetMapping(value = "/{id}/report", produces = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
  ResponseEntity<byte[]> report(@PathVariable String id, Caller caller) {
    ImportJob job = readable(id, caller);
    byte[] file = jobs.file(id).orElseThrow(() -> Problems.notFound("Import file", id));
    byte[] out = ErrorReport.of(reader, file, job.fileName(), job.errors());
    String name = job.fileName().replaceAll("(?i)\\.xlsx$", "") + "-report.xlsx";
    return ResponseEntity.ok().contentType(XLSX)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
        .body(out);
  }

  @Operation(operationId = "getImportTemplate", summary = "The XLSX template: a sheet per kind, drop-down lists, an example row, instructions")
  @ApiResponse(responseCode = "200", description = "The template",
      content = @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", schema = @Schema(type = "string", format = "binary")))
  @GetMapping(value = "/template", produces = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
  ResponseEntity<byte[]> template(Caller caller, HttpServletRequest request) {
    caller.requireAnyRole(Role.TOWNSHIP, Role.COUNTY);
    List<String> villageCodes = List.of();
    try {
      var partnership = Services.of(props.services(), bearer(request), "template", Patience.NONE).partnership();
      villageCodes = partnership.all("/api/villages").stream()
          .filter(v -> caller.township() == null || caller.township().equals(v.path("township").asString(null)))
          .map(v -> v.path("code").asString()).sorted().toList();
    } catch (RuntimeException e) {
      // without the register the template still has every other drop-down
    }
    byte[] out = TemplateWorkbook.build(caller.township(), villageCodes);
    return ResponseEntity.ok().contentType(XLSX)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("village-import-template.xlsx").build().toString())
        .body(out);
  }

  private ImportJob readable(String id, Caller caller) {
    caller.requireAnyRole(Role.TOWNSHIP, Role.COUNTY);
    ImportJob job = jobs.find(id).orElseThrow(() -> Problems.notFound("Import", id));
    if (!caller.isCounty() && !job.township().equals(caller.township())) {
      throw Problems.forbidden("Import " + id + " is of township " + job.township() + ".");
    }
    return job;
  }
}
