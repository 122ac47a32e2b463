package village.contracts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * An exact amount of money in yuan, held as integer fen. The API and the events exchange it as a decimal string
 * with at most two decimals ({@code "50000000.00"}); it is never a double. Amounts above one trillion yuan
 * (10^12) in absolute value are refused as absurd.
 */
public record Money(long fen) implements Comparable<Money> {
  public static final Money ZERO = new Money(0);
  /** 10^12 yuan in fen. */
  public static final long MAX_FEN = 1_000_000_000_000L * 100;
  private static final Pattern YUAN = Pattern.compile("-?\\d{1,13}(\\.\\d{1,2})?");

  public Money {
    if (Math.abs(fen) > MAX_FEN) throw new InvalidMoney("amount exceeds 10^12 yuan");
  }

  /** Parses {@code "12"}, {@code "12.5"}, {@code "12.50"}; refuses anything else (more decimals, exponents, blanks, signs other than a leading minus). */
  public static Money ofYuan(String text) {
    if (text == null) throw new InvalidMoney("amount is required");
    String t = text.strip();
    if (!YUAN.matcher(t).matches()) {
      throw new InvalidMoney("amount must be a decimal number of yuan with at most 2 decimals, e.g. \"1500000.00\"");
    }
    BigDecimal yuan = new BigDecimal(t);
    if (yuan.abs().compareTo(BigDecimal.valueOf(1_000_000_000_000L)) > 0) {
      throw new InvalidMoney("amount exceeds 10^12 yuan");
    }
    return new Money(yuan.movePointRight(2).setScale(0, RoundingMode.UNNECESSARY).longValueExact());
  }

  public static Money ofFen(long fen) {
    return new Money(fen);
  }

  public Money plus(Money other) {
    return new Money(Math.addExact(fen, other.fen));
  }

  public Money minus(Money other) {
    return new Money(Math.subtractExact(fen, other.fen));
  }

  public boolean isPositive() {
    return fen > 0;
  }

  public boolean isNegative() {
    return fen < 0;
  }

  public BigDecimal toBigDecimal() {
    return BigDecimal.valueOf(fen, 2);
  }

  /** Always two decimals: {@code "50000000.00"}. */
  public String toYuanString() {
    return toBigDecimal().toPlainString();
  }

  @Override
  public int compareTo(Money o) {
    return Long.compare(fen, o.fen);
  }

  @Override
  public String toString() {
    return toYuanString();
  }

  /** The text is not an acceptable amount of money. */
  public static final class InvalidMoney extends IllegalArgumentException {
    public InvalidMoney(String message) {
      super(message);
    }
  }
}
