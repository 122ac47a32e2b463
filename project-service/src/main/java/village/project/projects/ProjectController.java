package village.project.projects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import village.support.validation.OneOf;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.ETags;
import village.support.web.HistoryEntry;
import village.support.web.IdempotencyKeys;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import village.events.vocabulary.ProjectStatus;
import village.events.vocabulary.Industry;

/** {@code /api/projects}: register, lifecycle, progress, milestones, lists, history. */
@Tag(name = "Projects", description = "Agricultural industrialisation projects (项目清单), their status, progress and milestones")
@RestController
@RequestMapping("/api/projects")
class ProjectController {
  private static final Role[] ANY = Role.values();

  private final ProjectService service;
  private final Projects projects;

  ProjectController(ProjectService service, Projects projects) {
    this.service = service;
    this.projects = projects;
  }

  @Operation(operationId = "registerProject", summary = "Register a project")
  @ApiResponse(responseCode = "201", description = "Created (an Idempotency-Key replay answers 200 with the stored resource)")
  @PostMapping
  ResponseEntity<ProjectResponse> register(@Valid @RequestBody CreateProjectRequest body, Caller caller,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
    Project p = service.register(body, caller, key);
    return ResponseEntity.created(URI.create("/api/projects/" + p.id())).eTag(ETags.of(p.version()))
        .body(ProjectResponse.of(p, service.today()));
  }

  @Operation(operationId = "listProjects", summary = "List projects")
  @GetMapping
  PageResponse<ProjectResponse> list(Caller caller,
      @RequestParam(required = false) @OneOf(ProjectStatus.class) String status,
      @RequestParam(required = false) @OneOf(Industry.class) String industry,
      @RequestParam(required = false) String villageCode,
      @RequestParam(required = false) Boolean overdue,
      @RequestParam(required = false) String ref,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(ANY);
    PageQuery q = PageQuery.of(page, size);
    LocalDate today = service.today();
    var query = new Projects.Query(status == null ? null : ProjectStatus.valueOf(status),
        industry == null ? null : Industry.valueOf(industry), villageCode, overdue, today, ref);
    return projects.list(query, q).map(p -> ProjectResponse.of(p, today));
  }

  @Operation(operationId = "getProject", summary = "Get a project")
  @GetMapping("/{id}")
  ResponseEntity<ProjectResponse> get(@PathVariable String id, Caller caller,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    caller.requireAnyRole(ANY);
    Project p = service.get(id);
    String etag = ETags.of(p.version());
    if (ifNoneMatch != null && List.of(ifNoneMatch.split(",")).stream().map(String::strip).anyMatch(etag::equals)) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
    }
    return ResponseEntity.ok().eTag(etag).body(ProjectResponse.of(p, service.today()));
  }

  @Operation(operationId = "changeProjectStatus", summary = "Move a project to another status")
  @PostMapping("/{id}/status")
  ResponseEntity<ProjectResponse> changeStatus(@PathVariable String id, @Valid @RequestBody ChangeStatusRequest body, Caller caller,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    return withETag(service.changeStatus(id, body, ifMatch, caller));
  }

  @Operation(operationId = "reportProgress", summary = "Report progress on a project")
  @ApiResponse(responseCode = "201", description = "Created (an Idempotency-Key replay answers 200 with the stored resource)")
  @PostMapping("/{id}/progress")
  ResponseEntity<ProgressReportResponse> reportProgress(@PathVariable String id, @Valid @RequestBody ReportProgressRequest body,
      Caller caller, @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
    Project.ProgressReport r = service.reportProgress(id, body, caller, key);
    return ResponseEntity.created(URI.create("/api/projects/" + id + "/progress/" + r.id()))
        .body(ProgressReportResponse.of(id, r));
  }

  @Operation(operationId = "listProgressReports", summary = "List a project's progress reports")
  @GetMapping("/{id}/progress")
  PageResponse<ProgressReportResponse> progress(@PathVariable String id, Caller caller,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(ANY);
    PageQuery q = PageQuery.of(page, size);
    return service.progress(id, q).map(r -> ProgressReportResponse.of(id, r));
  }

  @Operation(operationId = "completeMilestone", summary = "Complete a milestone")
  @PostMapping("/{id}/milestones/{milestoneId}/complete")
  ResponseEntity<ProjectResponse> completeMilestone(@PathVariable String id, @PathVariable String milestoneId,
      @Valid @RequestBody CompleteMilestoneRequest body, Caller caller,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    return withETag(service.completeMilestone(id, milestoneId, body, ifMatch, caller));
  }

  @Operation(operationId = "getProjectHistory", summary = "History of a project")
  @GetMapping("/{id}/history")
  PageResponse<HistoryEntry> history(@PathVariable String id, Caller caller,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(ANY);
    PageQuery q = PageQuery.of(page, size);
    return service.history(id, q);
  }

  private ResponseEntity<ProjectResponse> withETag(Project p) {
    return ResponseEntity.ok().eTag(ETags.of(p.version())).body(ProjectResponse.of(p, service.today()));
  }


}
