package village.funds.fund;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import village.events.Topics;
import village.events.funds.DisbursementReversed;
import village.events.funds.FundCommitted;
import village.events.funds.FundDisbursed;
import village.funds.references.References;
import village.messaging.OutboxEntry;
import village.support.outbox.OutboxEvents;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.ETags;
import village.support.web.HistoryEntry;
import village.support.web.IdempotencyKeys;
import village.support.web.ProblemException;
import village.support.web.Problems;

/** The write paths of funds: commit, disburse, reverse. Each ends in ONE conditional document write with its event. */
@Component
class FundService {
  /** Attempts at a version-conditional write; each failed attempt means another request's write succeeded. */
  static final int MAX_ATTEMPTS = 200;

  private final Funds funds;
  private final References references;
  private final OutboxEvents events;
  private final Clock clock;

  FundService(Funds funds, References references, OutboxEvents events, Clock clock) {
    this.funds = funds;
    this.references = references;
    this.events = events;
    this.clock = clock;
  }

  /** The created fund, or the one a previous request with the same Idempotency-Key created. */
  Fund commit(CommitFundRequest body, Caller caller, String idempotencyKey) {
    caller.requireAnyRole(Role.TOWNSHIP, Role.ORGANIZATION);
    FundRules.Commitment c = FundRules.commitment(body);
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

    Instant now = clock.instant();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("source", c.source().name());
    details.put("committedAmount", c.amount().toYuanString());
    details.put("committedOn", c.committedOn().toString());
    if (c.investorOrganizationId() != null) details.put("investorOrganizationId", c.investorOrganizationId());
    if (c.projectId() != null) details.put("projectId", c.projectId());
    if (c.villageCode() != null) details.put("villageCode", c.villageCode());
    Fund fund = new Fund(id, c.source(), c.investorOrganizationId(), c.projectId(), c.villageCode(), villageCodes,
        statsVillage, township, c.amount(), c.committedOn(), List.of(), 1, now, caller.subject(), now, fingerprint,
        List.of(new HistoryEntry(1, now, caller.subject(), "COMMITTED", details)), body.ref());
    fund.requireDisbursableBy(caller); // the same rule as for paying out: TOWNSHIP of its township or the investor
    OutboxEntry event = events.entry(Topics.FUNDS, new FundCommitted(id, c.source().name(), c.investorOrganizationId(),
        c.projectId(), statsVillage, township, c.amount().toYuanString(), c.committedOn()), 1, caller);
    if (funds.insert(fund, event)) return fund;
    return sameRequest(get(id), fingerprint); // a concurrent retry with the same key won
  }

  Fund get(String id) {
    return funds.find(id).orElseThrow(() -> Problems.notFound("Fund", id));
  }

  /** Result of a disbursement: the fund as written and the disbursement (new, or the one this key paid before). */
  record Paid(Fund fund, Disbursement disbursement) {}

  Paid disburse(String fundId, DisburseRequest body, Caller caller, String idempotencyKey, String ifMatch) {
    caller.requireAnyRole(Role.TOWNSHIP, Role.ORGANIZATION);
    FundRules.Payment p = FundRules.payment(body);
    String fingerprint = IdempotencyKeys.fingerprint(body);
    String disbursementId = IdempotencyKeys.idFor(caller, "POST /api/funds/" + fundId + "/disbursements", idempotencyKey)
        .orElseGet(() -> UUID.randomUUID().toString());
    Fund fund = get(fundId);
    fund.requireDisbursableBy(caller);
    if (p.disbursedOn().isBefore(fund.committedOn())) {
      throw Problems.invalid("disbursedOn", "must not be before the fund's committedOn " + fund.committedOn());
    }
    ETags.checkIfMatch(ifMatch, fund.version());
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      var earlier = fund.disbursement(disbursementId);
      if (earlier.isPresent()) {
        IdempotencyKeys.requireSameRequest(earlier.get().fingerprint(), fingerprint);
        return new Paid(fund, earlier.get());
      }
      fund.requireRoomFor(p.amount());
      Instant now = clock.instant();
      long next = fund.version() + 1;
      Disbursement d = Disbursement.paid(disbursementId, p.amount(), p.disbursedOn(), p.note(), now, caller.subject(), fingerprint);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("disbursementId", d.id());
      details.put("amount", d.amount().toYuanString());
      details.put("disbursedOn", d.disbursedOn().toString());
      if (d.note() != null) details.put("note", d.note());
      HistoryEntry h = new HistoryEntry(Math.toIntExact(next), now, caller.subject(), "DISBURSED", details);
      OutboxEntry e = events.entry(Topics.FUNDS,
          new FundDisbursed(fund.id(), d.id(), d.amount().toYuanString(), d.disbursedOn()), next, caller);
      if (funds.addDisbursement(fund, d, h, e)) return new Paid(get(fundId), d);
      fund = get(fundId);
      if (ifMatch != null) ETags.checkIfMatch(ifMatch, fund.version());
    }
    throw busy(fundId);
  }

  Paid reverse(String fundId, String disbursementId, ReverseRequest body, Caller caller, String ifMatch) {
    caller.requireAnyRole(Role.TOWNSHIP);
    Fund fund = get(fundId);
    fund.requireReversibleBy(caller);
    fund.reversible(disbursementId);
    String reason = FundRules.reason(body);
    ETags.checkIfMatch(ifMatch, fund.version());
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Disbursement d = fund.reversible(disbursementId);
      Instant now = clock.instant();
      long next = fund.version() + 1;
      Disbursement reversed = d.reversedBecause(reason, now, caller.subject());
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("disbursementId", d.id());
      details.put("amount", d.amount().toYuanString());
      details.put("reason", reason);
      HistoryEntry h = new HistoryEntry(Math.toIntExact(next), now, caller.subject(), "DISBURSEMENT_REVERSED", details);
      OutboxEntry e = events.entry(Topics.FUNDS,
          new DisbursementReversed(fund.id(), d.id(), d.amount().toYuanString(), d.disbursedOn(), reason), next, caller);
      if (funds.reverse(fund, reversed, h, e)) return new Paid(get(fundId), reversed);
      fund = get(fundId);
      if (ifMatch != null) ETags.checkIfMatch(ifMatch, fund.version());
    }
    throw busy(fundId);
  }

  private static Fund sameRequest(Fund existing, String fingerprint) {
    IdempotencyKeys.requireSameRequest(existing.fingerprint(), fingerprint);
    return existing;
  }

  private static ProblemException busy(String fundId) {
    return Problems.conflict("concurrent-update", "Concurrent update",
        "Fund '" + fundId + "' is being changed by many requests at once; try again.");
  }
}
