package village.reporting.report;

import java.math.BigDecimal;

/** A figure found in a statistics response (a JSON number, or a decimal string for money) as an exact decimal. */
final class SlotValues {
  private SlotValues() {
  }

  /** The value as a decimal; null when there is none or it is not a number. */
  static BigDecimal exact(Object value) {
    if (value == null) return null;
    if (value instanceof BigDecimal b) return b;
    if (value instanceof Long || value instanceof Integer || value instanceof Short) return BigDecimal.valueOf(((Number) value).longValue());
    if (value instanceof java.math.BigInteger i) return new BigDecimal(i);
    if (value instanceof Number n) return new BigDecimal(n.toString());
    if (value instanceof String s) {
      try {
        return new BigDecimal(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** As the slot's {@code value}: the plain decimal, as the response has it ("50000000.00", "28", "50000"). */
  static String text(BigDecimal value) {
    return value.toPlainString();
  }
}
