package village.reporting.report;

import java.math.BigDecimal;

/**
 * One number of the drafted text, bound to where it came from: the statistics {@code query} (the {@code /api/stats/…}
 * path with its parameters, percent-encoded: GET it to see the figure), the {@code field} in that response
 * ({@link FieldPath}), the exact {@code value} found there (a decimal string), how the text writes it ({@code measure},
 * {@code display}) and the {@code asOf} of the statistics it was read from.
 */
public record Slot(String name, String label, String query, String field, String measure, String value, String display,
    String asOf) {

  /** The exact value as a number. */
  public BigDecimal exact() {
    return new BigDecimal(value);
  }
}
