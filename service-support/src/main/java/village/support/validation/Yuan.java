package village.support.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.util.regex.Pattern;
import village.contracts.Money;

/**
 * An amount of money in a request: a decimal string of yuan with at most two decimals, an optional leading minus, no
 * whitespace, no exponent, at most {@link #MAX_YUAN} in absolute value (so that sums of many amounts stay far inside a
 * long of fen) — {@link Money#ofYuan}'s format, so a valid value always parses. {@link #sign} adds "greater than 0" or
 * "0 or more". Null passes (say {@code @NotNull} where it is required). Messages: {@code ValidationMessages.properties}.
 */
@Documented
@Constraint(validatedBy = Yuan.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Yuan {
  /** The largest amount one request may carry: ten billion yuan (10^10). */
  String MAX_YUAN = "10000000000";

  String message() default "{village.validation.Yuan.message}";

  Sign sign() default Sign.ANY;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  enum Sign {
    ANY(null), POSITIVE("{village.validation.Yuan.positive}"), NOT_NEGATIVE("{village.validation.Yuan.notNegative}");

    final String message;

    Sign(String message) {
      this.message = message;
    }

    boolean admits(Money m) {
      return switch (this) {
        case ANY -> true;
        case POSITIVE -> m.isPositive();
        case NOT_NEGATIVE -> !m.isNegative();
      };
    }
  }

  final class Validator implements ConstraintValidator<Yuan, String> {
    private static final Pattern FORMAT = Pattern.compile("-?\\d{1,11}(\\.\\d{1,2})?");
    private static final BigDecimal MAX = new BigDecimal(MAX_YUAN);
    private Sign sign = Sign.ANY;

    @Override
    public void initialize(Yuan constraint) {
      sign = constraint.sign();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) return true;
      if (!isYuan(value)) return false;
      if (sign.admits(Money.ofYuan(value))) return true;
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate(sign.message).addConstraintViolation();
      return false;
    }

    public static boolean isYuan(String value) {
      return FORMAT.matcher(value).matches() && new BigDecimal(value).abs().compareTo(MAX) <= 0;
    }
  }
}
