package village.support.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YuanTest {
  @ParameterizedTest
  @ValueSource(strings = {"0", "12", "12.5", "12.50", "-3.00", "10000000000", "10000000000.00", "-10000000000.00"})
  void acceptsDecimalStringsUpToTheLimit(String text) {
    assertThat(Yuan.Validator.isYuan(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", " 1.00", "1.00 ", "1.001", "1e3", "+1", "1,000", "10000000000.01", "99999999999",
      "1000000000000.00", ".5", "5.", "--1", "１２"})
  void refusesEverythingElse(String text) {
    assertThat(Yuan.Validator.isYuan(text)).isFalse();
  }
}
