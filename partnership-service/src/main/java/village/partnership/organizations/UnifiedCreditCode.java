package village.partnership.organizations;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * A unified social credit code (统一社会信用代码) with a valid check character ({@link CreditCode}); the message says
 * what is wrong with it. Null passes (say {@code @NotNull} where it is required).
 */
@Documented
@Constraint(validatedBy = UnifiedCreditCode.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface UnifiedCreditCode {
  String message() default "{village.validation.CreditCode.message}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  final class Validator implements ConstraintValidator<UnifiedCreditCode, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) return true;
      String problem = CreditCode.problem(value);
      if (problem == null) return true;
      context.unwrap(HibernateConstraintValidatorContext.class).addMessageParameter("problem", problem);
      return false;
    }
  }
}
