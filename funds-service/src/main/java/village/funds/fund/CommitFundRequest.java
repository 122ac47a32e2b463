package village.funds.fund;

import java.time.LocalDate;

/** {@code POST /api/funds}. Amounts are decimal strings of yuan (a JSON number is read by its text). */
record CommitFundRequest(
    String source,
    String investorOrganizationId,
    String projectId,
    String villageCode,
    String committedAmount,
    LocalDate committedOn) {}
