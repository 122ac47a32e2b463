package village.funds.fund;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import village.support.validation.OneOf;
import village.support.validation.Yuan;
import village.support.validation.PlainText;
import java.time.LocalDate;
import village.events.vocabulary.FundSource;

/**
 * {@code POST /api/funds}. Amounts are decimal strings of yuan (a JSON number is refused: StrictJson). The shape is
 * checked here; what a fund must name (a village, a project or an investor) is the aggregate's rule
 * ({@link Fund#requireWhatItIsFor}). {@code ref}: the clerk's own number (optional, kept on the record, a list filter).
 */
record CommitFundRequest(
    @NotNull @OneOf(FundSource.class) String source,
    @PlainText String investorOrganizationId,
    @PlainText String projectId,
    @PlainText String villageCode,
    @NotNull @Yuan(sign = Yuan.Sign.POSITIVE) String committedAmount,
    @NotNull(message = "{village.validation.required.date}") LocalDate committedOn,
    @JsonInclude(JsonInclude.Include.NON_NULL) @PlainText @Size(max = 100, message = "{village.validation.text.max}") String ref) {

  /** Without the clerk's own number {@code ref}. */
  CommitFundRequest(String source, String investorOrganizationId, String projectId, String villageCode,
      String committedAmount, LocalDate committedOn) {
    this(source, investorOrganizationId, projectId, villageCode, committedAmount, committedOn, null);
  }
}
