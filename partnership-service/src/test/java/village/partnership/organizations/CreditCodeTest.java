package village.partnership.organizations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import village.support.web.ProblemException;

class CreditCodeTest {
  /** Published valid codes: the example of GB 32100-2015 and two codes of large enterprises from public registrations. */
  static final List<String> REAL = List.of("91350100M000100Y43", "91110000802100433B", "914403001922038216");

  @Test
  void acceptsRealCodes() {
    for (String code : REAL) {
      assertThat(CreditCode.problem(code)).as(code).isNull();
      assertThat(CreditCode.parse(code).value()).isEqualTo(code);
    }
  }

  @Test
  void everySingleCharacterChangeOfARealCodeIsRefused() {
    for (String code : REAL) {
      for (int i = 0; i < 18; i++) {
        for (char c : CreditCode.ALPHABET.toCharArray()) {
          if (c == code.charAt(i)) continue;
          String mutated = code.substring(0, i) + c + code.substring(i + 1);
          assertThat(CreditCode.problem(mutated)).as(mutated).isNotNull();
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "9135010", "91350100M000100Y431", "91350100M000100Y4O", "91350100m000100Y43",
      "91350100M000100I43", "Z1350100M000100Y43", "9135A100M000100Y43", "91350100M000100Y44", "{\"$gt\": \"\"}"})
  void refusesMalformedCodesWithAFieldError(String value) {
    assertThatThrownBy(() -> CreditCode.parse(value)).isInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).errors()).extracting(ProblemException.FieldError::field)
            .containsExactly("creditCode"));
  }

  @Test
  void checkCharacterFollowsTheStandardsWeights() {
    assertThat(CreditCode.checkCharacter("91350100M000100Y4")).isEqualTo('3');
  }
}
