package village.funds.fund;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import village.funds.references.References;
import village.support.aggregate.AggregateCollection;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.HistoryEntry;
import village.support.web.IdempotencyKeys;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import village.support.web.Problems;
import village.events.vocabulary.FundSource;

/**
 * The write paths of funds: commit, disburse, reverse. The service checks the caller and the references; the
 * {@link Fund} decides and returns its change; {@link AggregateCollection} stores it (one conditional write with its
 * event, decided again on a lost race).
 */
@Component
class FundService {
  private final AggregateCollection<Fund> funds;
  private final References references;
  private final Clock clock;

  FundService(Funds funds, References references, Clock clock) {
    this.funds = funds.store();
    this.references = references;
    this.clock = clock;
  }

  /** The created fund, or the one a previous request with the same Idempotency-Key created. */
  Fund commit(CommitFundRequest body, Caller caller, String idempotencyKey) {
    caller.requireAnyRole(Role.TOWNSHIP, Role.ORGANIZATION);
    var c = new Requested(Fund.blankToNull(body.investorOrganizationId()), Fund.blankToNull(body.projectId()),
        Fund.blankToNull(body.villageCode()));
    Fund.requireWhatItIsFor(FundSource.valueOf(body.source()), c.investorOrganizationId(), c.projectId(), c.villageCode());
    if (!caller.isTownship() && !caller.isOrganization(c.investorOrganizationId())) {
      throw Problems.forbidden("An ORGANIZATION records only funds it invests itself (investorOrganizationId = its own org).");
    }
    String fingerprint = IdempotencyKeys.fingerprint(body);
    String id = IdempotencyKeys.idFor(caller, "POST /api/funds", idempotencyKey).orElseGet(() -> UUID.randomUUID().toString());
    var earlier = funds.find(id);
    if (earlier.isPresent()) return sameRequest(earlier.get(), fingerprint);

    // references: 422 when unknown, 503 when a service cannot answer (nothing stored)
    if (c.investorOrganizationId() != null && !references.organizationExists(c.investorOrganizationId())) {
      throw Problems.unknownReference("investorOrganizationId", "Organization '" + c.investorOrganizationId() + "' does not exist.");
    }
    References.Project project = null;
    if (c.projectId() != null) {
      project = references.project(c.projectId())
          .orElseThrow(() -> Problems.unknownReference("projectId", "Project '" + c.projectId() + "' does not exist."));
    }
    References.Village village = null;
    if (c.villageCode() != null) {
      village = references.village(c.villageCode())
          .orElseThrow(() -> Problems.unknownReference("villageCode", "Village '" + c.villageCode() + "' does not exist."));
      if (project != null && !project.villageCodes().contains(c.villageCode())) {
        throw Problems.unknownReference("villageCode", "Village '" + c.villageCode() + "' is not one of project '" + c.projectId() + "''s villages.");
      }
    }
    String statsVillage = village != null ? village.code() : project != null ? project.firstVillage() : null;
    String township = village != null ? village.township() : project != null ? project.township() : null;
    if (township == null && project != null && project.firstVillage() != null) {
      township = references.village(project.firstVillage()).map(References.Village::township).orElse(null);
    }
    List<String> villageCodes = new ArrayList<>();
    if (village != null) villageCodes.add(village.code());
    if (project != null) project.villageCodes().stream().filter(v -> !villageCodes.contains(v)).forEach(villageCodes::add);

    var created = Fund.commit(id, body, new Fund.Placement(villageCodes, statsVillage, township), caller, clock.instant(),
        fingerprint);
    if (funds.insert(created, caller.subject())) return created.after();
    return sameRequest(get(id), fingerprint); // a concurrent retry with the same key won
  }

  /** What a commitment names, blanks as none. */
  private record Requested(String investorOrganizationId, String projectId, String villageCode) {}

  Fund get(String id) {
    return funds.get(id);
  }

  /** Result of a disbursement: the fund as written and the disbursement (new, or the one this key paid before). */
  record Paid(Fund fund, Disbursement disbursement) {}

  Paid disburse(String fundId, DisburseRequest body, Caller caller, String idempotencyKey, String ifMatch) {
    caller.requireAnyRole(Role.TOWNSHIP, Role.ORGANIZATION);
    String fingerprint = IdempotencyKeys.fingerprint(body);
    String disbursementId = IdempotencyKeys.idFor(caller, "POST /api/funds/" + fundId + "/disbursements", idempotencyKey)
        .orElseGet(() -> UUID.randomUUID().toString());
    Fund after = funds.change(fundId, ifMatch, caller.subject(), fund -> {
      fund.requireDisbursableBy(caller);
      fund.requireNotBeforeCommitment(body.disbursedOn());
    }, fund -> fund.disbursement(disbursementId).isPresent() ? null // paid by this key before
        : fund.disburse(disbursementId, body, clock.instant(), caller.subject(), fingerprint));
    Disbursement d = after.disbursement(disbursementId).orElseThrow();
    IdempotencyKeys.requireSameRequest(d.fingerprint(), fingerprint);
    return new Paid(after, d);
  }

  Paid reverse(String fundId, String disbursementId, ReverseRequest body, Caller caller, String ifMatch) {
    caller.requireAnyRole(Role.TOWNSHIP);
    Fund after = funds.change(fundId, ifMatch, caller.subject(), fund -> {
      fund.requireReversibleBy(caller);
      fund.reversible(disbursementId);
    }, fund -> fund.reverse(disbursementId, body.reason(), clock.instant(), caller.subject()));
    return new Paid(after, after.disbursement(disbursementId).orElseThrow());
  }

  PageResponse<HistoryEntry> history(String fundId, PageQuery page) {
    return funds.history(fundId, page);
  }

  private static Fund sameRequest(Fund existing, String fingerprint) {
    IdempotencyKeys.requireSameRequest(existing.fingerprint(), fingerprint);
    return existing;
  }
}
