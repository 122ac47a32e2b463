package village.funds.fund;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import village.contracts.Money;
import village.events.funds.DisbursementReversed;
import village.events.funds.FundCommitted;
import village.events.funds.FundDisbursed;
import village.support.aggregate.Aggregate;
import village.support.aggregate.Change;
import village.support.security.Caller;
import village.support.web.ProblemException.FieldError;
import village.support.web.Problems;
import village.events.vocabulary.FundSource;

/**
 * A commitment of money and what was paid out of it, the aggregate. Invariant: the sum of the disbursements that are
 * not reversed never exceeds {@code committed}. {@code township} is the township the money is for (of its village, else
 * of its project's first village); null for a fund that names only an investor. {@code villageCodes} are the fund's
 * village and its project's villages (for filtering); {@code statsVillageCode} is the one village the statistics count
 * it for. Each rule method decides and returns the {@link Change} (the fund after it, its event, what history keeps).
 */
record Fund(
    String id,
    FundSource source,
    String investorOrganizationId,
    String projectId,
    String villageCode,
    List<String> villageCodes,
    String statsVillageCode,
    String township,
    Money committed,
    LocalDate committedOn,
    List<Disbursement> disbursements,
    long version,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    String fingerprint,
    String ref) implements Aggregate {
  static final int MAX_NOTE = 2000;

  Fund {
    villageCodes = List.copyOf(villageCodes);
    disbursements = List.copyOf(disbursements);
  }

  /** Where the money goes, as the references said: the fund's villages, the one counted, its township. */
  record Placement(List<String> villageCodes, String statsVillageCode, String township) {}

  /**
   * 400 unless the fund names what it is for: a village, a project or an investor organization (at least one);
   * SOCIAL_CAPITAL needs the investor organization.
   */
  static void requireWhatItIsFor(FundSource source, String investorOrganizationId, String projectId, String villageCode) {
    if (source == FundSource.SOCIAL_CAPITAL && investorOrganizationId == null) {
      throw Problems.invalid(List.of(new FieldError("investorOrganizationId", "is required for SOCIAL_CAPITAL")));
    }
    if (investorOrganizationId == null && projectId == null && villageCode == null) {
      throw Problems.invalid("villageCode", "a fund must name what it is for: villageCode, projectId or investorOrganizationId");
    }
  }

  /** A new commitment: version 1, nothing disbursed. Who may commit it is who may disburse from it. */
  static Change<Fund> commit(String id, CommitFundRequest r, Placement where, Caller caller, Instant now, String fingerprint) {
    FundSource source = FundSource.valueOf(r.source());
    String investor = blankToNull(r.investorOrganizationId());
    String project = blankToNull(r.projectId());
    String village = blankToNull(r.villageCode());
    requireWhatItIsFor(source, investor, project, village);
    Money amount = Money.ofYuan(r.committedAmount());
    Fund fund = new Fund(id, source, investor, project, village, where.villageCodes(), where.statsVillageCode(),
        where.township(), amount, r.committedOn(), List.of(), 1, now, caller.subject(), now, fingerprint, r.ref());
    fund.requireDisbursableBy(caller);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("source", source.name());
    details.put("committedAmount", amount.toYuanString());
    details.put("committedOn", r.committedOn().toString());
    if (investor != null) details.put("investorOrganizationId", investor);
    if (project != null) details.put("projectId", project);
    if (village != null) details.put("villageCode", village);
    return Change.of(fund, new FundCommitted(id, source.name(), investor, project, where.statsVillageCode(), where.township(),
        amount.toYuanString(), r.committedOn()), "COMMITTED", details);
  }

  /**
   * Pays {@code r} out as disbursement {@code disbursementId}: 400 when dated before the commitment, 409 when it would
   * take the total disbursed above the commitment.
   */
  Change<Fund> disburse(String disbursementId, DisburseRequest r, Instant now, String actor, String fingerprint) {
    requireNotBeforeCommitment(r.disbursedOn());
    Money amount = Money.ofYuan(r.amount());
    requireRoomFor(amount);
    Disbursement d = Disbursement.paid(disbursementId, amount, r.disbursedOn(), blankToNull(r.note()), now, actor, fingerprint);
    List<Disbursement> after = new ArrayList<>(disbursements);
    after.add(d);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("disbursementId", d.id());
    details.put("amount", d.amount().toYuanString());
    details.put("disbursedOn", d.disbursedOn().toString());
    if (d.note() != null) details.put("note", d.note());
    return Change.of(with(after, now), new FundDisbursed(id, d.id(), d.amount().toYuanString(), d.disbursedOn()),
        "DISBURSED", details);
  }

  /** Marks the disbursement reversed (its amount counts as not disbursed again): 404 if unknown, 409 if reversed already. */
  Change<Fund> reverse(String disbursementId, String reason, Instant now, String actor) {
    Disbursement d = reversible(disbursementId);
    String why = reason.strip();
    List<Disbursement> after = disbursements.stream()
        .map(x -> x.id().equals(disbursementId) ? x.reversedBecause(why, now, actor) : x).toList();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("disbursementId", d.id());
    details.put("amount", d.amount().toYuanString());
    details.put("reason", why);
    return Change.of(with(after, now), new DisbursementReversed(id, d.id(), d.amount().toYuanString(), d.disbursedOn(), why),
        "DISBURSEMENT_REVERSED", details);
  }

  private Fund with(List<Disbursement> after, Instant now) {
    return new Fund(id, source, investorOrganizationId, projectId, villageCode, villageCodes, statsVillageCode, township,
        committed, committedOn, after, version + 1, createdAt, createdBy, now, fingerprint, ref);
  }

  /** The sum of the disbursements that are not reversed. */
  Money disbursed() {
    Money sum = Money.ZERO;
    for (Disbursement d : disbursements) if (!d.reversed()) sum = sum.plus(d.amount());
    return sum;
  }

  Money remaining() {
    return committed.minus(disbursed());
  }

  Optional<Disbursement> disbursement(String disbursementId) {
    return disbursements.stream().filter(d -> d.id().equals(disbursementId)).findFirst();
  }

  /** 400 when a disbursement would be dated before the commitment. */
  void requireNotBeforeCommitment(LocalDate disbursedOn) {
    if (disbursedOn.isBefore(committedOn)) {
      throw Problems.invalid("disbursedOn", "must not be before the fund's committedOn " + committedOn);
    }
  }

  /** 409 when paying {@code amount} would take the total disbursed above the commitment. */
  void requireRoomFor(Money amount) {
    if (disbursed().plus(amount).compareTo(committed) > 0) throw new DisbursementExceedsCommitment(id, amount, remaining());
  }

  /** The disbursement to reverse: 404 if unknown, 409 if already reversed. */
  Disbursement reversible(String disbursementId) {
    Disbursement d = disbursement(disbursementId).orElseThrow(() -> Problems.notFound("Disbursement", disbursementId));
    if (d.reversed()) throw new DisbursementAlreadyReversed(id, disbursementId);
    return d;
  }

  /**
   * Who may disburse: the TOWNSHIP of the fund's township, or the investing ORGANIZATION. A fund that names no
   * village or project belongs to no township: any TOWNSHIP may then write it (besides its investor).
   */
  void requireDisbursableBy(Caller caller) {
    if (township == null && caller.isTownship()) return;
    caller.requireTownshipOfOrOrganization(township, investorOrganizationId);
  }

  /** Who may reverse: a TOWNSHIP only (of the fund's township; any TOWNSHIP for a fund without one). */
  void requireReversibleBy(Caller caller) {
    if (township == null && caller.isTownship()) return;
    caller.requireTownshipOf(township);
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
