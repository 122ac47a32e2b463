package village.funds.fund;

import org.springframework.http.HttpStatus;
import village.contracts.Money;
import village.support.web.ProblemException;

/** A disbursement would take the total disbursed (not counting reversals) above the commitment. */
class DisbursementExceedsCommitment extends ProblemException {
  DisbursementExceedsCommitment(String fundId, Money amount, Money remaining) {
    super(HttpStatus.CONFLICT, "disbursement-exceeds-commitment", "Disbursement exceeds commitment",
        "Disbursing " + amount + " from fund '" + fundId + "' would exceed its commitment; only " + remaining
            + " remain undisbursed.");
  }
}
