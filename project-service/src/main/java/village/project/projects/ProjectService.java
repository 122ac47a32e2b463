package village.project.projects;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import village.project.references.PartnershipDirectory;
import village.support.aggregate.AggregateCollection;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.HistoryEntry;
import village.support.web.IdempotencyKeys;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import village.support.web.ProblemException;
import village.support.web.Problems;
import village.events.vocabulary.ProjectStatus;

/**
 * The write paths of projects: the service checks the caller and the references, the {@link Project} decides and
 * returns its change, {@link AggregateCollection} stores it (one conditional write with its event).
 */
@Component
class ProjectService {
  private final AggregateCollection<Project> projects;
  private final PartnershipDirectory directory;
  private final Clock clock;

  ProjectService(Projects projects, PartnershipDirectory directory, Clock clock) {
    this.projects = projects.store();
    this.directory = directory;
    this.clock = clock;
  }

  LocalDate today() {
    return LocalDate.now(clock);
  }

  Project get(String id) {
    return projects.get(id);
  }

  PageResponse<HistoryEntry> history(String id, PageQuery page) {
    return projects.history(id, page);
  }

  /** A page of its progress reports, oldest first, read by the database; 404 when the project does not exist. */
  PageResponse<Project.ProgressReport> progress(String id, PageQuery page) {
    return projects.pageOf(id, Projects.PROGRESS, page, Projects::report);
  }

  // ---- register

  Project register(CreateProjectRequest r, Caller caller, String idempotencyKey) {
    caller.requireAnyRole(Role.TOWNSHIP);
    Project.requireCoherent(r);
    String fingerprint = IdempotencyKeys.fingerprint(r);
    String id = IdempotencyKeys.idFor(caller, "POST /api/projects", idempotencyKey).orElseGet(() -> UUID.randomUUID().toString());
    if (idempotencyKey != null) {
      var earlier = projects.find(id);
      if (earlier.isPresent()) return replay(earlier.get(), fingerprint);
    }
    String township = checkReferences(r, caller);
    var registered = Project.register(id, r, township, clock.instant(), fingerprint);
    if (!projects.insert(registered, caller.subject())) {
      return replay(get(id), fingerprint); // a concurrent retry with the same key won the insert
    }
    return registered.after();
  }

  private static Project replay(Project earlier, String fingerprint) {
    IdempotencyKeys.requireSameRequest(earlier.fingerprint(), fingerprint);
    return earlier;
  }

  /**
   * Villages must exist and all belong to the caller's township (403 otherwise); partnerships must exist and be
   * with one of the project's villages; the lead organization must exist. Returns the project's township.
   */
  private String checkReferences(CreateProjectRequest r, Caller caller) {
    Set<String> townships = new LinkedHashSet<>();
    List<String> codes = r.villageCodes();
    for (int i = 0; i < codes.size(); i++) {
      String code = codes.get(i);
      var village = directory.village(code)
          .orElseThrow(() -> Problems.unknownReference("villageCodes[" + codes.indexOf(code) + "]", "Village '" + code + "' does not exist."));
      caller.requireTownshipOf(village.township());
      townships.add(village.township());
    }
    List<String> ids = r.partnershipIdsOrEmpty();
    for (int i = 0; i < ids.size(); i++) {
      String field = "partnershipIds[" + i + "]";
      String pid = ids.get(i);
      var partnership = directory.partnership(pid)
          .orElseThrow(() -> Problems.unknownReference(field, "Partnership '" + pid + "' does not exist."));
      if (!codes.contains(partnership.villageCode())) {
        String detail = "Partnership '" + pid + "' is with village '" + partnership.villageCode()
            + "', which is not one of the project's villages.";
        throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "partnership-not-with-project-village",
            "Partnership not with the project's villages", detail,
            List.of(new ProblemException.FieldError(field, detail)), Map.of());
      }
    }
    if (r.leadOrganizationId() != null && !directory.organizationExists(r.leadOrganizationId())) {
      throw Problems.unknownReference("leadOrganizationId", "Organization '" + r.leadOrganizationId() + "' does not exist.");
    }
    return townships.iterator().next();
  }

  // ---- status

  Project changeStatus(String id, ChangeStatusRequest r, String ifMatch, Caller caller) {
    caller.requireAnyRole(Role.TOWNSHIP);
    ProjectStatus target = ProjectStatus.valueOf(r.status());
    return projects.change(id, ifMatch, caller.subject(), p -> caller.requireTownshipOf(p.township()),
        p -> p.moveTo(target, r.reason(), clock.instant()));
  }

  // ---- progress

  Project.ProgressReport reportProgress(String id, ReportProgressRequest r, Caller caller, String idempotencyKey) {
    caller.requireAnyRole(Role.TOWNSHIP, Role.ORGANIZATION);
    String fingerprint = IdempotencyKeys.fingerprint(r);
    String reportId = IdempotencyKeys.idFor(caller, "POST /api/projects/" + id + "/progress", idempotencyKey)
        .orElseGet(() -> UUID.randomUUID().toString());
    Project after = projects.change(id, null, caller.subject(),
        p -> caller.requireTownshipOfOrOrganization(p.township(), p.leadOrganizationId()),
        p -> p.report(reportId).isPresent() ? null // replay of an earlier keyed request
            : p.reportProgress(reportId, r, clock.instant(), caller.subject(), fingerprint));
    Project.ProgressReport report = after.report(reportId).orElseThrow();
    IdempotencyKeys.requireSameRequest(report.fingerprint(), fingerprint);
    return report;
  }

  // ---- milestones

  Project completeMilestone(String id, String milestoneId, CompleteMilestoneRequest r, String ifMatch, Caller caller) {
    caller.requireAnyRole(Role.TOWNSHIP, Role.ORGANIZATION);
    return projects.change(id, ifMatch, caller.subject(),
        p -> caller.requireTownshipOfOrOrganization(p.township(), p.leadOrganizationId()),
        p -> p.completeMilestone(milestoneId, r.completedOn(), clock.instant()));
  }
}
