package village.funds.fund;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/funds/{id}/disbursements/{disbursementId}/reverse}. */
record ReverseRequest(@NotBlank @Size(max = Fund.MAX_NOTE, message = "{village.validation.text.max}") String reason) {}
