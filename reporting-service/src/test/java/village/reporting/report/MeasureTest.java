package village.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MeasureTest {

  @ParameterizedTest(name = "{0} {1} → {2}")
  @CsvSource({
      // money: 万元 / 亿元, "余" only above the round figure
      "YUAN, 50000000.00, 5000万元",
      "YUAN, 10230000.00, 1000余万元",
      "YUAN, 11984700.00, 1000余万元",
      "YUAN, 10350000.00, 1000余万元",
      "YUAN, 10000000.00, 1000万元",
      "YUAN, 15430000.00, 1500余万元",
      "YUAN, 19990000.00, 1900余万元",
      "YUAN, 150000.00, 15万元",
      "YUAN, 152000.00, 15万余元",
      "YUAN, 99999.00, 9万余元",
      "YUAN, 10000.00, 1万元",
      "YUAN, 8500.00, 8500元",
      "YUAN, 8500.50, 8500.5元",
      "YUAN, 0.00, 0元",
      "YUAN, 100000000.00, 1亿元",
      "YUAN, 123000000.00, 1亿余元",
      "YUAN, 150000000.00, 1.5亿元",
      "YUAN, 156000000.00, 1.5亿余元",
      "YUAN, 1200000000.00, 12亿元",
      "YUAN, 1030000000.00, 10余亿元",
      // scales: 万亩 / 万棒
      "MU, 50000, 5万亩",
      "MU, 70000, 7万亩",
      "MU, 52300, 5万余亩",
      "MU, 23000, 2.3万亩",
      "MU, 23400, 2万余亩",
      "MU, 9000, 9000亩",
      "MU, 9050, 9000余亩",
      "MU, 4.5, 4.5亩",
      "STICK, 20000000, 2000万棒",
      "STICK, 20500000, 2000余万棒",
      "STICK, 12000000, 1200万棒",
      "HEAD, 3000, 3000头",
      // counts
      "COUNT, 412, 400余个",
      "COUNT, 400, 400个",
      "COUNT, 9, 9个",
      "COUNT, 46, 46个",
      "COUNT, 461, 400余个",
      "COUNT, 19, 19个",
      "COUNT, 170, 170个",
      "COUNT, 175, 170余个",
      "COUNT, 1543, 1500余个",
      "EXACT_COUNT, 28, 28个",
      "EXACT_COUNT, 412, 412个",
      "EXACT_COUNT, 0, 0个",
  })
  void writesFiguresAsAReportDoes(Measure measure, String exact, String display) {
    assertThat(measure.format(new BigDecimal(exact))).isEqualTo(display);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"1198.47, 1000", "1543, 1500", "412, 400", "5.23, 5", "5.99, 5", "1200, 1200", "1201, 1000", "19, 19", "28, 28", "1.05, 1"})
  void roundsDownToOneOrTwoSignificantFigures(String value, String round) {
    assertThat(Measure.round(new BigDecimal(value))).isEqualByComparingTo(round);
  }

  @Test
  void theRoundFigureNeverExceedsTheExactOne() {
    for (long n = 1; n < 200_000; n += 7) {
      BigDecimal v = BigDecimal.valueOf(n);
      BigDecimal r = Measure.round(v);
      assertThat(r).isLessThanOrEqualTo(v);
      assertThat(v.subtract(r).divide(v, 6, java.math.RoundingMode.HALF_UP)).isLessThanOrEqualTo(new BigDecimal("0.2"));
    }
  }

  @Test
  void refusesNegativeFigures() {
    assertThatThrownBy(() -> Measure.YUAN.format(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
  }
}
