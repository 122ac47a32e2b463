package village.bench;

import java.util.ArrayList;
import java.util.List;

/** The table the harness prints (and BENCHMARKS.md holds): one row per figure, with its target and verdict. */
final class Report {
  record Row(String section, String figure, String value, String target, String verdict) {}

  private final List<Row> rows = new ArrayList<>();

  void add(String section, String figure, String value, String target, Boolean met) {
    rows.add(new Row(section, figure, value, target, met == null ? "" : met ? "met" : "MISSED"));
    System.out.printf("  %-44s %-28s %-16s %s%n", figure, value, target, met == null ? "" : met ? "met" : "MISSED");
  }

  void info(String section, String figure, String value) {
    add(section, figure, value, "", null);
  }

  String markdown() {
    StringBuilder sb = new StringBuilder("| # | figure | measured | target | |\n|---|---|---|---|---|\n");
    for (Row r : rows) {
      sb.append("| ").append(r.section()).append(" | ").append(r.figure()).append(" | ").append(r.value())
          .append(" | ").append(r.target()).append(" | ").append(r.verdict()).append(" |\n");
    }
    return sb.toString();
  }

  static String ms(double v) {
    return String.format("%.2f ms", v);
  }

  static String ratio(double v) {
    return String.format("%.2f×", v);
  }

  static String perSecond(double v) {
    return String.format("%.0f/s", v);
  }
}
