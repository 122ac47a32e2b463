package village.partnership.matching;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import village.partnership.organizations.Organizations;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.ETags;
import village.support.web.HistoryEntry;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import village.support.web.ProblemException.FieldError;
import village.support.web.Problems;

/**
 * Suggestions ({@code GET /api/needs/{id}/suggestions}, {@code GET /api/organizations/{id}/suggestions}) and the
 * townships' matching weights ({@code /api/needs/matching-weights/{township}}).
 */
@Tag(name = "Matching", description = "Explainable suggestions matching needs with organizations, and the township's weights")
@RestController
class MatchingController {
  static final int DEFAULT_SIZE = 20;
  static final int MAX_SIZE = 200;
  private final Suggestions suggestions;
  private final WeightsStore weights;
  private final Organizations organizations;
  private final NeedLookup needs;

  MatchingController(Suggestions suggestions, WeightsStore weights, Organizations organizations, NeedLookup needs) {
    this.suggestions = suggestions;
    this.weights = weights;
    this.organizations = organizations;
    this.needs = needs;
  }

  record ReasonView(String code, String text, int weight) {}

  record OrganizationItem(String organizationId, String organizationName, String resourceId, String resourceTitle, int score,
      List<ReasonView> reasons, List<String> whyNot) {}

  record NeedItem(String needId, String villageCode, String township, String category, String title, Instant postedAt,
      String resourceId, String resourceTitle, int score, List<ReasonView> reasons, List<String> whyNot) {}

  record ForNeed(String needId, String needStatus, int weightsVersion, String tieBreak, List<OrganizationItem> items,
      int total, List<OrganizationItem> excluded) {}

  record ForOrganization(String organizationId, String tieBreak, List<NeedItem> items, int total, List<NeedItem> excluded) {}

  @Operation(operationId = "suggestOrganizations", summary = "Organizations that could take this need, ranked, with their reasons")
  @GetMapping("/api/needs/{id}/suggestions")
  ForNeed forNeed(@PathVariable String id, Caller caller, @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.TOWNSHIP, Role.COUNTY);
    int n = size(size);
    NeedLookup.Found need = needs.find(id).orElseThrow(() -> Problems.notFound("Need", id));
    Scorer.Ranking r = "OPEN".equals(need.status()) ? suggestions.forNeed(id, need.township(), n) : null;
    if (r == null) {
      return new ForNeed(id, need.status(), weights.of(need.township()).version(), Scorer.TIE_BREAK_ORGANIZATIONS, List.of(), 0, List.of());
    }
    return new ForNeed(id, need.status(), r.weightsVersion(), Scorer.TIE_BREAK_ORGANIZATIONS,
        r.ranked().stream().map(MatchingController::organizationItem).toList(), r.total(),
        r.excluded().stream().map(MatchingController::organizationItem).toList());
  }

  @Operation(operationId = "suggestNeeds", summary = "Open needs this organization could take, ranked, with their reasons")
  @GetMapping("/api/organizations/{id}/suggestions")
  ForOrganization forOrganization(@PathVariable String id, Caller caller, @RequestParam(required = false) Integer size) {
    if (!caller.isTownship() && !caller.isCounty()) caller.requireTownshipOfOrOrganization(null, id);
    int n = size(size);
    organizations.find(id).orElseThrow(() -> Problems.notFound("Organization", id));
    Scorer.Ranking r = suggestions.forOrganization(id, n);
    if (r == null) return new ForOrganization(id, Scorer.TIE_BREAK_NEEDS, List.of(), 0, List.of());
    return new ForOrganization(id, Scorer.TIE_BREAK_NEEDS,
        r.ranked().stream().map(MatchingController::needItem).toList(), r.total(),
        r.excluded().stream().map(MatchingController::needItem).toList());
  }

  record WeightsView(String township, int version, Map<String, Object> weights, boolean defaults) {}

  record SetWeights(Integer categoryMatch, Integer pairedWithVillage, Integer pairedInTownship, Integer perResolvedInCategory,
      Integer resolvedCountedUpTo, Integer perOpenClaim, Integer villageWithoutPairing, Integer perMonthWaiting,
      Integer waitingCountedUpToMonths, Integer claimLimit) {}

  @Operation(operationId = "getMatchingWeights", summary = "The township's matching weights in force")
  @GetMapping("/api/needs/matching-weights/{township}")
  ResponseEntity<WeightsView> getWeights(@PathVariable String township, Caller caller) {
    caller.requireAnyRole(Role.values());
    Weights w = weights.of(township);
    return ResponseEntity.ok().eTag(ETags.of(w.version())).body(view(township, w));
  }

  @Operation(operationId = "setMatchingWeights", summary = "Set the township's matching weights (a new version)")
  @PutMapping("/api/needs/matching-weights/{township}")
  ResponseEntity<WeightsView> putWeights(@PathVariable String township, @Valid @RequestBody SetWeights body, Caller caller,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    caller.requireTownshipOf(township);
    Weights d = Weights.DEFAULTS;
    Weights w = body == null ? d : new Weights(0, or(body.categoryMatch(), d.categoryMatch()),
        or(body.pairedWithVillage(), d.pairedWithVillage()), or(body.pairedInTownship(), d.pairedInTownship()),
        or(body.perResolvedInCategory(), d.perResolvedInCategory()), or(body.resolvedCountedUpTo(), d.resolvedCountedUpTo()),
        or(body.perOpenClaim(), d.perOpenClaim()), or(body.villageWithoutPairing(), d.villageWithoutPairing()),
        or(body.perMonthWaiting(), d.perMonthWaiting()), or(body.waitingCountedUpToMonths(), d.waitingCountedUpToMonths()),
        or(body.claimLimit(), d.claimLimit()));
    Weights stored = weights.set(township, w, ifMatch, caller.subject());
    return ResponseEntity.ok().eTag(ETags.of(stored.version())).body(view(township, stored));
  }

  @Operation(operationId = "getMatchingWeightsHistory", summary = "History of the township's matching weights")
  @GetMapping("/api/needs/matching-weights/{township}/history")
  PageResponse<HistoryEntry> weightsHistory(@PathVariable String township, Caller caller,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.values());
    PageQuery q = PageQuery.of(page, size);
    return weights.history(township, q);
  }

  private static WeightsView view(String township, Weights w) {
    return new WeightsView(township, w.version(), w.asMap(), w.version() == 0);
  }

  private static int or(Integer v, int fallback) {
    return v == null ? fallback : v;
  }

  private static int size(Integer size) {
    if (size == null) return DEFAULT_SIZE;
    if (size < 1 || size > MAX_SIZE) throw Problems.invalid(List.of(new FieldError("size", "must be from 1 to " + MAX_SIZE)));
    return size;
  }

  private static List<ReasonView> reasons(Scorer.Suggestion s) {
    return s.reasons().stream().map(r -> new ReasonView(r.code(), r.text(), r.weight())).toList();
  }

  private static OrganizationItem organizationItem(Scorer.Suggestion s) {
    Facts.Resource r = s.resource();
    return new OrganizationItem(s.organization().id(), s.organization().name(), r == null ? null : r.id(),
        r == null ? null : r.title(), s.score(), reasons(s), s.whyNot());
  }

  private static NeedItem needItem(Scorer.Suggestion s) {
    Facts.Resource r = s.resource();
    Facts.Need n = s.need();
    return new NeedItem(n.id(), n.villageCode(), n.township(), n.category(), n.title(), n.postedAt(), r == null ? null : r.id(),
        r == null ? null : r.title(), s.score(), reasons(s), s.whyNot());
  }
}
