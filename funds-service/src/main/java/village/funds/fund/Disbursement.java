package village.funds.fund;

import java.time.Instant;
import java.time.LocalDate;
import village.contracts.Money;

/** Money paid out of a fund. Never edited or deleted: a correction is a reversal, which only marks it. */
record Disbursement(
    String id,
    Money amount,
    LocalDate disbursedOn,
    String note,
    Instant disbursedAt,
    String disbursedBy,
    String fingerprint,
    boolean reversed,
    String reversalReason,
    Instant reversedAt,
    String reversedBy) {

  static Disbursement paid(String id, Money amount, LocalDate on, String note, Instant at, String by, String fingerprint) {
    return new Disbursement(id, amount, on, note, at, by, fingerprint, false, null, null, null);
  }

  Disbursement reversedBecause(String reason, Instant at, String by) {
    return new Disbursement(id, amount, disbursedOn, note, disbursedAt, disbursedBy, fingerprint, true, reason, at, by);
  }
}
