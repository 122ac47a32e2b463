package village.funds.fund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import village.contracts.Money;
import village.events.funds.DisbursementReversed;
import village.events.funds.FundDisbursed;
import village.support.web.ProblemException;
import village.events.vocabulary.FundSource;

class FundTest {
  static final Instant AT = Instant.parse("2023-05-01T00:00:00Z");

  static Fund fund(String committed, Disbursement... ds) {
    return new Fund("f1", FundSource.FISCAL, null, null, "CG001", List.of("CG001"), "CG001", "城关镇", Money.ofYuan(committed),
        LocalDate.of(2023, 1, 1), List.of(ds), 1, AT, "t", AT, "fp", null);
  }

  static Disbursement paid(String id, String amount) {
    return Disbursement.paid(id, Money.ofYuan(amount), LocalDate.of(2023, 5, 1), null, AT, "t", "fp");
  }

  @Test
  void disbursedCountsOnlyWhatIsNotReversed() {
    Fund f = fund("100.00", paid("a", "30.10"), paid("b", "19.90").reversedBecause("wrong", AT, "t"), paid("c", "0.01"));
    assertThat(f.disbursed()).isEqualTo(Money.ofYuan("30.11"));
    assertThat(f.remaining()).isEqualTo(Money.ofYuan("69.89"));
  }

  @Test
  void roomForTheLastFenButNotOneMore() {
    Fund f = fund("100.00", paid("a", "99.99"));
    f.requireRoomFor(Money.ofYuan("0.01"));
    assertThatThrownBy(() -> f.requireRoomFor(Money.ofYuan("0.02"))).isInstanceOf(DisbursementExceedsCommitment.class);
  }

  @Test
  void aReversedDisbursementCannotBeReversedAgainAndAnUnknownOneIsNotFound() {
    Fund f = fund("100.00", paid("a", "10.00").reversedBecause("x", AT, "t"));
    assertThatThrownBy(() -> f.reversible("a")).isInstanceOf(DisbursementAlreadyReversed.class);
    assertThatThrownBy(() -> f.reversible("zz")).isInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).status().value()).isEqualTo(404));
  }

  @Test
  void aDisbursementDecidesTheFundAfterItsEventAndItsHistory() {
    Fund f = fund("100.00", paid("a", "60.00"));
    var change = f.disburse("b", new DisburseRequest("40.00", LocalDate.of(2023, 6, 1), " 首期 "), AT, "t", "fp2");
    assertThat(change.after().version()).isEqualTo(2);
    assertThat(change.after().remaining()).isEqualTo(Money.ZERO);
    assertThat(change.event()).isEqualTo(new FundDisbursed("f1", "b", "40.00", LocalDate.of(2023, 6, 1)));
    assertThat(change.action()).isEqualTo("DISBURSED");
    assertThat(change.details()).containsEntry("note", "首期").containsEntry("amount", "40.00");
    assertThat(f.version()).as("the fund read is left as it was").isEqualTo(1);
    assertThatThrownBy(() -> change.after().disburse("c", new DisburseRequest("0.01", LocalDate.of(2023, 6, 1), null), AT, "t", "fp3"))
        .isInstanceOf(DisbursementExceedsCommitment.class);
    assertThatThrownBy(() -> f.disburse("c", new DisburseRequest("1.00", LocalDate.of(2022, 12, 31), null), AT, "t", "fp3"))
        .isInstanceOf(ProblemException.class).satisfies(e -> assertThat(((ProblemException) e).status().value()).isEqualTo(400));
  }

  @Test
  void aReversalCountsTheAmountAsNotDisbursedAgain() {
    var change = fund("100.00", paid("a", "60.00")).reverse("a", " 录入错误 ", AT, "t");
    assertThat(change.after().disbursed()).isEqualTo(Money.ZERO);
    assertThat(change.event()).isEqualTo(new DisbursementReversed("f1", "a", "60.00", LocalDate.of(2023, 5, 1), "录入错误"));
    assertThatThrownBy(() -> change.after().reverse("a", "again", AT, "t")).isInstanceOf(DisbursementAlreadyReversed.class);
  }

  @Test
  void aFundNamesWhatItIsFor() {
    assertThatThrownBy(() -> Fund.requireWhatItIsFor(FundSource.SOCIAL_CAPITAL, null, "p1", null)).isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> Fund.requireWhatItIsFor(FundSource.FISCAL, null, null, null)).isInstanceOf(ProblemException.class);
    Fund.requireWhatItIsFor(FundSource.FISCAL, null, "p1", null);
  }

  @Test
  void manySmallAmountsAddUpExactly() {
    Money sum = Money.ZERO;
    for (int i = 0; i < 1000; i++) sum = sum.plus(Money.ofYuan("0.10"));
    assertThat(sum.toYuanString()).isEqualTo("100.00");
  }
}
