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
import java.util.Arrays;
import java.util.List;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * A string that names one constant of {@link #value} exactly ({@code "FISCAL"}); on a list element
 * ({@code List<@OneOf(Category.class) String>}) each. Null passes. The message lists the allowed names.
 */
@Documented
@Constraint(validatedBy = OneOf.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface OneOf {
  Class<? extends Enum<?>> value();

  String message() default "{village.validation.OneOf.message}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  final class Validator implements ConstraintValidator<OneOf, String> {
    private List<String> names = List.of();

    @Override
    public void initialize(OneOf constraint) {
      names = Arrays.stream(constraint.value().getEnumConstants()).map(Enum::name).toList();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null || names.contains(value)) return true;
      context.unwrap(HibernateConstraintValidatorContext.class).addMessageParameter("values", names.toString());
      return false;
    }
  }
}
