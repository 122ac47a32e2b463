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

/**
 * One line of text (a name, a title, a code): no control characters at all, no line breaks or tabs, not blank when
 * given. (Every string of a request already refuses NUL and the other control characters except tab and line breaks:
 * {@link village.support.web.StrictJson}.) Null passes.
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {
  String message() default "{village.validation.PlainText.message}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  final class Validator implements ConstraintValidator<PlainText, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) return true;
      if (value.isBlank()) return false;
      for (int i = 0; i < value.length(); i++) {
        int t = Character.getType(value.charAt(i));
        if (t == Character.CONTROL || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR) return false;
      }
      return true;
    }
  }
}
