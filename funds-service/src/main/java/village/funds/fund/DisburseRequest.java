package village.funds.fund;

import village.support.validation.Yuan;
import java.time.LocalDate;

/** {@code POST /api/funds/{id}/disbursements}. */
record DisburseRequest(@Yuan String amount, LocalDate disbursedOn, String note) {}
