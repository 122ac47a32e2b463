package village.reporting.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How a report writes a figure, as a township's report writes it: money in 元 / 万元 / 亿元, scales in 亩 / 万亩 and
 * 棒 / 万棒, counts with their measure word. A rounded figure is rounded <em>down</em> (a report never claims more than
 * the record holds) to one significant figure, or two when one would drop more than a fifth of the figure (1198万 →
 * 1000余万, 1543万 → 1500余万); a figure of at most two significant figures is written as it is (1200万棒); "余" is written only when the exact figure is above the round one (5000万元 exactly,
 * 1000余万元 for 1023万). "余" follows a round number (1000余万元, 400余个) and otherwise the 万 / 亿 (5.2万余亩).
 * Counts below ten, and the {@link #EXACT_COUNT exact} counts (villages, bands), are written exactly.
 */
public enum Measure {
  /** Yuan: below 1万 exactly, then 万元, from 1亿 on 亿元. */
  YUAN("元", true),
  /** Mu of land: 亩, 万亩. */
  MU("亩", true),
  /** Sticks of edible fungi: 棒, 万棒. */
  STICK("棒", true),
  /** Head of livestock: 头, 万头. */
  HEAD("头", true),
  /** A count written round ("400余个"). */
  COUNT("个", false),
  /** A count written exactly ("28个"). */
  EXACT_COUNT("个", false);

  private static final BigDecimal WAN = new BigDecimal(10_000);
  private static final BigDecimal YI = new BigDecimal(100_000_000);
  private static final BigDecimal TEN = BigDecimal.TEN;
  /** One significant figure may drop at most this share of the figure, else two are written. */
  private static final BigDecimal MAX_LOSS = new BigDecimal("0.2");

  private final String unit;
  private final boolean magnitudes;

  Measure(String unit, boolean magnitudes) {
    this.unit = unit;
    this.magnitudes = magnitudes;
  }

  /** The unit written after the number (元, 亩, 个 …). */
  public String unit() {
    return unit;
  }

  /** The figure as the report writes it; a negative figure is refused (nothing the report states is negative). */
  public String format(BigDecimal exact) {
    if (exact.signum() < 0) throw new IllegalArgumentException("a report figure is not negative: " + exact);
    if (this == EXACT_COUNT) return plain(exact) + unit;
    String magnitude = "";
    BigDecimal value = exact;
    if (magnitudes && exact.compareTo(YI) >= 0) {
      magnitude = "亿";
      value = exact.divide(YI);
    } else if (magnitudes && exact.compareTo(WAN) >= 0) {
      magnitude = "万";
      value = exact.divide(WAN);
    } else if (this == YUAN || value.compareTo(TEN) < 0) {
      return plain(exact) + unit; // small money, and counts or scales below ten: exactly
    }
    BigDecimal round = round(value);
    if (round.compareTo(value) == 0) return plain(value) + magnitude + unit;
    boolean roundNumber = round.stripTrailingZeros().scale() <= 0 && round.remainder(TEN).signum() == 0;
    return roundNumber ? plain(round) + "余" + magnitude + unit : plain(round) + magnitude + "余" + unit;
  }

  /** The value itself when it has at most two significant figures, else down to one, or two when one would lose more than {@link #MAX_LOSS} of the value. */
  static BigDecimal round(BigDecimal value) {
    if (value.stripTrailingZeros().precision() <= 2) return value; // 1200万, 15万, 1.5亿: short enough to write exactly
    BigDecimal one = value.round(new MathContext(1, RoundingMode.DOWN));
    BigDecimal loss = value.subtract(one).divide(value, 6, RoundingMode.HALF_UP);
    return loss.compareTo(MAX_LOSS) <= 0 ? one : value.round(new MathContext(2, RoundingMode.DOWN));
  }

  private static String plain(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }
}
