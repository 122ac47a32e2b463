package village.funds.fund;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import village.contracts.Money;
import village.support.web.ProblemException;
import village.support.web.ProblemException.FieldError;
import village.support.web.Problems;

/**
 * The checks on request bodies that need nothing but the body; every failure is a 400 listing all bad fields.
 * A fund must say what it is for: a village, a project or an investor organization (at least one of them);
 * SOCIAL_CAPITAL needs the investor organization.
 */
final class FundRules {
  static final int MAX_NOTE = 2000;

  private FundRules() {}

  /** A commitment request that passed the checks. */
  record Commitment(Source source, String investorOrganizationId, String projectId, String villageCode, Money amount,
      LocalDate committedOn) {}

  record Payment(Money amount, LocalDate disbursedOn, String note) {}

  static Commitment commitment(CommitFundRequest r) {
    if (r == null) throw Problems.badRequest("The request body is missing.");
    List<FieldError> errors = new ArrayList<>();
    Source source = null;
    if (r.source() == null) errors.add(new FieldError("source", "is required"));
    else if (!Source.isOne(r.source())) errors.add(new FieldError("source", "must be one of " + List.of(Source.values())));
    else source = Source.valueOf(r.source());
    String investor = blankToNull(r.investorOrganizationId());
    String project = blankToNull(r.projectId());
    String village = blankToNull(r.villageCode());
    if (source == Source.SOCIAL_CAPITAL && investor == null) {
      errors.add(new FieldError("investorOrganizationId", "is required for SOCIAL_CAPITAL"));
    } else if (investor == null && project == null && village == null) {
      errors.add(new FieldError("villageCode", "a fund must name what it is for: villageCode, projectId or investorOrganizationId"));
    }
    Money amount = amount("committedAmount", r.committedAmount(), errors);
    if (r.committedOn() == null) errors.add(new FieldError("committedOn", "is required (YYYY-MM-DD)"));
    if (!errors.isEmpty()) throw Problems.invalid(errors);
    return new Commitment(source, investor, project, village, amount, r.committedOn());
  }

  static Payment payment(DisburseRequest r) {
    if (r == null) throw Problems.badRequest("The request body is missing.");
    List<FieldError> errors = new ArrayList<>();
    Money amount = amount("amount", r.amount(), errors);
    if (r.disbursedOn() == null) errors.add(new FieldError("disbursedOn", "is required (YYYY-MM-DD)"));
    String note = blankToNull(r.note());
    if (note != null && note.length() > MAX_NOTE) errors.add(new FieldError("note", "must be at most " + MAX_NOTE + " characters"));
    if (!errors.isEmpty()) throw Problems.invalid(errors);
    return new Payment(amount, r.disbursedOn(), note);
  }

  static String reason(ReverseRequest r) {
    String reason = r == null ? null : blankToNull(r.reason());
    if (reason == null) throw Problems.invalid("reason", "is required");
    if (reason.length() > MAX_NOTE) throw Problems.invalid("reason", "must be at most " + MAX_NOTE + " characters");
    return reason;
  }

  private static Money amount(String field, String text, List<FieldError> errors) {
    try {
      return village.funds.support.Amounts.positive(field, text);
    } catch (ProblemException e) {
      errors.addAll(e.errors());
      return null;
    }
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
