package village.funds.support;

import village.contracts.Money;
import village.support.web.Problems;

/**
 * Amounts in requests: decimal strings of yuan with at most two decimals, parsed exactly by {@link Money#ofYuan}
 * (a JSON number is read by its text, so {@code 12.345} or {@code 1e3} are refused just the same). Every failure
 * is a 400 naming the field.
 */
public final class Amounts {
  private Amounts() {}

  /** An amount greater than zero (commitments, disbursements). */
  public static Money positive(String field, String text) {
    Money m = parse(field, text);
    if (!m.isPositive()) throw Problems.invalid(field, "must be greater than 0");
    return m;
  }

  /** An amount of zero or more (collective income). */
  public static Money nonNegative(String field, String text) {
    Money m = parse(field, text);
    if (m.isNegative()) throw Problems.invalid(field, "must be 0 or more");
    return m;
  }

  private static Money parse(String field, String text) {
    if (text == null || text.isBlank()) throw Problems.invalid(field, "is required");
    try {
      return Money.ofYuan(text);
    } catch (Money.InvalidMoney e) {
      throw Problems.invalid(field, e.getMessage());
    }
  }
}
