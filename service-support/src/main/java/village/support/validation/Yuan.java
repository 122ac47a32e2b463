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

/**
 * An amount of money in a request: a decimal string of yuan with at most two decimals, an optional leading minus, no
 * whitespace, no exponent, at most {@link #MAX_YUAN} in absolute value (so that sums of many amounts stay far inside a
 * long of fen). Null passes (say {@code @NotNull} or check it where it is required).
 */
@Documented
@Constraint(validatedBy = Yuan.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Yuan {
  /** The largest amount one request may carry: ten billion yuan (10^10). */
  String MAX_YUAN = "10000000000";

  String message() default "must be a decimal string of yuan with at most 2 decimals and no spaces, e.g. \"1500000.00\", "
      + "at most " + MAX_YUAN + " yuan";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  final class Validator implements ConstraintValidator<Yuan, String> {
    private static final Pattern FORMAT = Pattern.compile("-?\\d{1,11}(\\.\\d{1,2})?");
    private static final BigDecimal MAX = new BigDecimal(MAX_YUAN);

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || isYuan(value);
    }

    public static boolean isYuan(String value) {
      return FORMAT.matcher(value).matches() && new BigDecimal(value).abs().compareTo(MAX) <= 0;
    }
  }
}
