package village.funds.fund;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A fund as the API shows it; amounts are yuan strings with two decimals. */
record FundResponse(
    String id,
    String source,
    String investorOrganizationId,
    String projectId,
    String villageCode,
    String township,
    String committedAmount,
    String disbursedAmount,
    String remainingAmount,
    LocalDate committedOn,
    List<DisbursementResponse> disbursements,
    long version,
    Instant createdAt,
    Instant updatedAt,
    String ref) {

  record DisbursementResponse(String id, String fundId, String amount, LocalDate disbursedOn, String note, boolean reversed,
      String reversalReason, Instant disbursedAt, Instant reversedAt) {
    static DisbursementResponse of(String fundId, Disbursement d) {
      return new DisbursementResponse(d.id(), fundId, d.amount().toYuanString(), d.disbursedOn(), d.note(), d.reversed(),
          d.reversalReason(), d.disbursedAt(), d.reversedAt());
    }
  }

  static FundResponse of(Fund f) {
    return new FundResponse(f.id(), f.source().name(), f.investorOrganizationId(), f.projectId(), f.villageCode(),
        f.township(), f.committed().toYuanString(), f.disbursed().toYuanString(), f.remaining().toYuanString(),
        f.committedOn(), f.disbursements().stream().map(d -> DisbursementResponse.of(f.id(), d)).toList(), f.version(),
        f.createdAt(), f.updatedAt(), f.ref());
  }
}
