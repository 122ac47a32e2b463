package village.funds.fund;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import village.contracts.Money;
import village.support.security.Caller;
import village.support.web.HistoryEntry;
import village.support.web.Problems;

/**
 * A commitment of money and what was paid out of it. Invariant: the sum of the disbursements that are not reversed
 * never exceeds {@code committed}. {@code township} is the township the money is for (of its village, else of its
 * project's first village); null for a fund that names only an investor. {@code villageCodes} are the fund's village
 * and its project's villages (for filtering); {@code statsVillageCode} is the one village the statistics count it for.
 */
record Fund(
    String id,
    Source source,
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
    List<HistoryEntry> history,
    String ref) {

  Fund {
    villageCodes = List.copyOf(villageCodes);
    disbursements = List.copyOf(disbursements);
    history = List.copyOf(history);
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
}
