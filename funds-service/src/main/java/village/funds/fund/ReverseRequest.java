package village.funds.fund;

/** {@code POST /api/funds/{id}/disbursements/{disbursementId}/reverse}. */
record ReverseRequest(String reason) {}
