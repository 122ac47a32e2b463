package village.support.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A code or id that travels in URL paths and keys (a village code, an organization or partnership id): 1 to 40 of
 * {@code A-Z a-z 0-9 . _ -}. Null passes (say {@code @NotNull} where it is required).
 */
@Documented
@Pattern(regexp = "[A-Za-z0-9._-]{1,40}")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Code {
  String message() default "{village.validation.Code.message}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
