package village.funds.fund;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import village.support.validation.Yuan;
import java.time.LocalDate;

/** {@code POST /api/funds/{id}/disbursements}. */
record DisburseRequest(
    @NotNull @Yuan(sign = Yuan.Sign.POSITIVE) String amount,
    @NotNull(message = "{village.validation.required.date}") LocalDate disbursedOn,
    @Size(max = Fund.MAX_NOTE, message = "{village.validation.text.max}") String note) {}
