package village.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

  @ParameterizedTest
  @CsvSource({"0,0", "12,1200", "12.5,1250", "12.05,1205", "50000000.00,5000000000", "-3.10,-310", "1000000000000,100000000000000"})
  void parsesYuanToFen(String text, long fen) {
    assertThat(Money.ofYuan(text).fen()).isEqualTo(fen);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "1.234", "1e5", "abc", "1,000", "+5", "12.", ".5", "1000000000000.01", "99999999999999", "NaN", "0x10"})
  void refusesAnythingElse(String text) {
    assertThatThrownBy(() -> Money.ofYuan(text)).isInstanceOf(Money.InvalidMoney.class);
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> Money.ofYuan(null)).isInstanceOf(Money.InvalidMoney.class);
  }

  @Test
  void formatsWithTwoDecimals() {
    assertThat(Money.ofYuan("50000000").toYuanString()).isEqualTo("50000000.00");
    assertThat(Money.ofFen(5).toYuanString()).isEqualTo("0.05");
    assertThat(Money.ofFen(-310).toYuanString()).isEqualTo("-3.10");
  }

  @Test
  void addsExactlyWhereDoublesWouldDrift() {
    Money sum = Money.ZERO;
    for (int i = 0; i < 10; i++) sum = sum.plus(Money.ofYuan("0.10"));
    assertThat(sum).isEqualTo(Money.ofYuan("1.00"));
    assertThat(Money.ofYuan("100.00").minus(Money.ofYuan("0.01")).toYuanString()).isEqualTo("99.99");
  }

  @Test
  void comparesByAmount() {
    assertThat(Money.ofYuan("2")).isGreaterThan(Money.ofYuan("1.99"));
    assertThat(Money.ofYuan("2").isPositive()).isTrue();
    assertThat(Money.ZERO.isPositive()).isFalse();
  }
}
