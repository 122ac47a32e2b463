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
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/** A list that names no value twice (the message names the first repeated one). Null passes. */
@Documented
@Constraint(validatedBy = Distinct.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Distinct {
  String message() default "{village.validation.Distinct.message}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  final class Validator implements ConstraintValidator<Distinct, Collection<?>> {
    @Override
    public boolean isValid(Collection<?> values, ConstraintValidatorContext context) {
      if (values == null) return true;
      Set<Object> seen = new HashSet<>();
      for (Object v : values) {
        if (v != null && !seen.add(v)) {
          context.unwrap(HibernateConstraintValidatorContext.class).addMessageParameter("value", String.valueOf(v));
          return false;
        }
      }
      return true;
    }
  }
}
