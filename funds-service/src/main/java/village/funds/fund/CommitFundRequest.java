package village.funds.fund;

import village.support.validation.Yuan;
import village.support.validation.PlainText;
import java.time.LocalDate;

/** {@code POST /api/funds}. Amounts are decimal strings of yuan (a JSON number is refused: StrictJson). */
record CommitFundRequest(
    String source,
    @PlainText String investorOrganizationId,
    @PlainText String projectId,
    @PlainText String villageCode,
    @Yuan String committedAmount,
    LocalDate committedOn) {}
