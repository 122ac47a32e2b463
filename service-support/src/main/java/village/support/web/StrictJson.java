package village.support.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The one place where request bodies get strict types (docs/API.md "Validation rules"): no coercion between JSON
 * types (a number is not a string, a string is not a number, a boolean is neither), dates exactly {@code YYYY-MM-DD}
 * from {@link #FIRST_DATE} to {@link #LAST_DATE}, and no control characters in any string except tab, line feed and
 * carriage return. A refused value becomes a 400 naming the field ({@link ProblemAdvice}).
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {
  public static final LocalDate FIRST_DATE = LocalDate.of(1949, 10, 1);
  public static final LocalDate LAST_DATE = LocalDate.of(2100, 12, 31);
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  @Bean
  JsonMapperBuilderCustomizer strictJsonCustomizer() {
    return StrictJson::configure;
  }

  /** Applies the rules to any mapper builder (the web layer's, or a test's). */
  public static <B extends MapperBuilder<?, B>> B configure(B builder) {
    builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    for (LogicalType t : new LogicalType[] {LogicalType.Textual, LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
        LogicalType.DateTime, LogicalType.Enum}) {
      builder.withCoercionConfig(t, c -> {
        for (CoercionInputShape s : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
            CoercionInputShape.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString}) {
          if (t == LogicalType.Float && s == CoercionInputShape.Integer) continue; // 5 is a fine decimal number
          c.setCoercion(s, CoercionAction.Fail);
        }
      });
    }
    SimpleModule strict = new SimpleModule("village-strict-json")
        .addDeserializer(LocalDate.class, new DateDeserializer())
        .addDeserializer(String.class, new TextDeserializer());
    return builder.addModule(strict);
  }

  /** A value the strict rules refuse; its message says what the field must be. */
  public static final class Rejected extends IllegalArgumentException {
    public Rejected(String message) {
      super(message);
    }
  }

  /** Exactly {@code YYYY-MM-DD}, a real calendar day, from 1949-10-01 to 2100-12-31. */
  public static LocalDate date(String text) {
    if (text == null || !ISO_DATE.matcher(text).matches()) throw new Rejected("must be a date YYYY-MM-DD");
    LocalDate d;
    try {
      d = LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new Rejected("must be a real calendar date YYYY-MM-DD");
    }
    if (d.isBefore(FIRST_DATE) || d.isAfter(LAST_DATE)) {
      throw new Rejected("must be a date from " + FIRST_DATE + " to " + LAST_DATE);
    }
    return d;
  }

  /** True if the text holds a control character other than tab, line feed or carriage return (NUL included). */
  public static boolean hasControlCharacters(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') return true;
    }
    return false;
  }

  static final class DateDeserializer extends ValueDeserializer<LocalDate> {
    @Override
    public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) {
      if (!p.hasToken(JsonToken.VALUE_STRING)) throw new Rejected("must be a date string YYYY-MM-DD");
      return date(p.getString());
    }
  }

  static final class TextDeserializer extends ValueDeserializer<String> {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
      if (!p.hasToken(JsonToken.VALUE_STRING)) throw new Rejected("must be a JSON string");
      String s = p.getString();
      if (hasControlCharacters(s)) throw new Rejected("must not contain control characters");
      return s;
    }
  }
}
