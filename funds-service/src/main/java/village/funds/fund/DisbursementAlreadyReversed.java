package village.funds.fund;

import org.springframework.http.HttpStatus;
import village.support.web.ProblemException;

/** A disbursement can be reversed once. */
class DisbursementAlreadyReversed extends ProblemException {
  DisbursementAlreadyReversed(String fundId, String disbursementId) {
    super(HttpStatus.CONFLICT, "disbursement-already-reversed", "Disbursement already reversed",
        "Disbursement '" + disbursementId + "' of fund '" + fundId + "' is already reversed.");
  }
}
