package village.funds.fund;

import java.time.LocalDate;

/** {@code POST /api/funds/{id}/disbursements}. */
record DisburseRequest(String amount, LocalDate disbursedOn, String note) {}
