package village.identity.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import village.support.web.ProblemException;

class PasswordPolicyTest {

  @ParameterizedTest
  @ValueSource(strings = {"Short1!", "alllowercaseletters", "ALLUPPER12345", "lowerandUPPER", "1234567890123", "xx-Admin-2026-xx"})
  void weakPasswordsAreRefused(String password) {
    assertThat(PasswordPolicy.acceptable("admin", password)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Chengguan2026", "chengguan-2026", "CHENGGUAN-2026", "城关镇Password1"})
  void threeKindsOfCharactersAndTenOrMoreAreEnough(String password) {
    assertThat(PasswordPolicy.acceptable("cgz", password)).isTrue();
  }

  @Test
  void tooLongIsRefused() {
    assertThat(PasswordPolicy.acceptable("u", "Aa1".repeat(43))).isFalse();
  }

  @Test
  void theProblemStatesTheRule() {
    assertThatThrownBy(() -> PasswordPolicy.require("newPassword", "u", "abc"))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.status().value()).isEqualTo(400);
          assertThat(e.errors().getFirst().field()).isEqualTo("newPassword");
          assertThat(e.errors().getFirst().message()).isEqualTo(PasswordPolicy.RULE).contains("at least 10 characters");
        });
  }

  @RepeatedTest(20)
  void generatedPasswordsMeetTheRule() {
    String p = PasswordPolicy.generate();
    assertThat(p).hasSize(16);
    assertThat(PasswordPolicy.acceptable("admin", p)).isTrue();
  }
}
