package village.partnership.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import village.support.web.ProblemException.FieldError;
import village.support.web.Problems;

/** Collects the field errors of one request body; {@link #check()} turns them into one 400 problem. */
public final class Fields {
  public static final int MAX_NAME = 200;
  public static final int MAX_TEXT = 2000;
  /** Codes and ids travel in URL paths and keys: a safe alphabet. */
  public static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,40}");
  private final List<FieldError> errors = new ArrayList<>();

  public static Fields of(Object body) {
    Fields f = new Fields();
    if (body == null) f.errors.add(new FieldError("body", "is required"));
    return f;
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  public Fields text(String field, String value, boolean required, int max) {
    if (value == null || value.isBlank()) {
      if (required) errors.add(new FieldError(field, "is required"));
    } else if (value.length() > max) {
      errors.add(new FieldError(field, "must be at most " + max + " characters"));
    } else if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
      errors.add(new FieldError(field, "must not contain control characters"));
    }
    return this;
  }

  public Fields code(String field, String value) {
    if (value == null || value.isBlank()) errors.add(new FieldError(field, "is required"));
    else if (!CODE.matcher(value).matches()) errors.add(new FieldError(field, "must be 1 to 40 of A-Z a-z 0-9 . _ -"));
    return this;
  }

  public <E extends Enum<E>> Fields oneOf(String field, String value, Class<E> type, boolean required) {
    if (value == null) {
      if (required) errors.add(new FieldError(field, "is required"));
    } else if (parse(type, value) == null) {
      errors.add(new FieldError(field, "must be one of " + List.of(type.getEnumConstants())));
    }
    return this;
  }

  public <E extends Enum<E>> Fields allOf(String field, Collection<String> values, Class<E> type, int max) {
    if (values == null) return this;
    if (values.size() > max) errors.add(new FieldError(field, "must list at most " + max + " values"));
    else for (String v : values) {
      if (v == null || parse(type, v) == null) {
        errors.add(new FieldError(field, "must contain only " + List.of(type.getEnumConstants())));
        break;
      }
    }
    return this;
  }

  public Fields required(String field, Object value) {
    if (value == null) errors.add(new FieldError(field, "is required"));
    return this;
  }

  public Fields rule(boolean holds, String field, String message) {
    if (!holds) errors.add(new FieldError(field, message));
    return this;
  }

  public void check() {
    if (!errors.isEmpty()) throw Problems.invalid(errors);
  }

  public static <E extends Enum<E>> E parse(Class<E> type, String value) {
    for (E e : type.getEnumConstants()) if (e.name().equals(value)) return e;
    return null;
  }
}
