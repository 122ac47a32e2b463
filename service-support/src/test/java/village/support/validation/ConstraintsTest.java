package village.support.validation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The custom constraints and the one source of their messages (ValidationMessages.properties). */
class ConstraintsTest {
  enum Colour { RED, GREEN }

  record Body(@NotNull @OneOf(Colour.class) String colour, @Yuan(sign = Yuan.Sign.POSITIVE) String paid,
      @Yuan(sign = Yuan.Sign.NOT_NEGATIVE) String income, @Yuan String any, List<@OneOf(Colour.class) String> colours,
      @PlainText String name) {}

  static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

  static Map<String, String> errors(Body b) {
    Map<String, String> m = new TreeMap<>();
    for (ConstraintViolation<Body> v : VALIDATOR.validate(b)) m.put(v.getPropertyPath().toString(), v.getMessage());
    return m;
  }

  @Test
  void aGoodBodyPasses() {
    assertThat(errors(new Body("RED", "0.01", "0", "-5.00", List.of("GREEN"), "张三"))).isEmpty();
  }

  @Test
  void eachBadFieldIsNamedWithItsMessage() {
    assertThat(errors(new Body(null, "0.00", "-0.01", "1.234", List.of("RED", "BLUE"), " "))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "colour", "is required",
        "paid", "must be greater than 0",
        "income", "must be 0 or more",
        "any", "must be a decimal string of yuan with at most 2 decimals and no spaces, e.g. \"1500000.00\", at most 10000000000 yuan",
        "colours[1].<list element>", "must be one of [RED, GREEN]",
        "name", "must be one line of text, not blank, without control characters"));
    assertThat(errors(new Body("red", "12", null, null, null, null))).containsExactlyEntriesOf(Map.of("colour", "must be one of [RED, GREEN]"));
  }

  @Test
  void aSignRuleNeedsTheFormatFirst() {
    assertThat(errors(new Body("RED", "-abc", null, null, null, null)).get("paid")).startsWith("must be a decimal string of yuan");
  }
}
