package village.acceptance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * The 2023 report's headline figures (DESIGN.md §2) beside what the system's county overview shows.
 * Used by {@code ./village demo} to print the table and by the acceptance suite to assert it.
 */
public final class ReportFigures {
  private ReportFigures() {
  }

  /** The report's comparison with the year before, which the drafted report must state from data. */
  public static final String COMPARISON = "均达到或超过2022年全年水平";

  /** One figure: what the report says, what the system shows, and whether they agree. */
  public record Row(String figure, String report, String system, boolean matches) {
  }

  private record Scale(String industry, String label, String unit, String reportText, long quantity) {
  }

  private static final List<Scale> SCALES = List.of(
      new Scale("SWEET_POTATO", "特色红薯 sweet potato", "MU", "5万亩", 50_000),
      new Scale("FRESH_FRUIT", "优质鲜果 fresh fruit", "MU", "7万亩", 70_000),
      new Scale("VEGETABLES", "绿色蔬菜 vegetables", "MU", "4万亩", 40_000),
      new Scale("WALNUT", "优质核桃 walnut", "MU", "2万亩", 20_000),
      new Scale("EDIBLE_FUNGI", "食用菌 edible fungi", "STICK", "2000万棒", 20_000_000));

  /** Compares an overview ({@code GET /api/stats/overview?year=2023}) with the report. */
  public static List<Row> compare(JsonNode overview) {
    List<Row> rows = new ArrayList<>();
    JsonNode villages = overview.path("villages");
    long total = villages.path("total").asLong(-1);
    long covered = villages.path("covered").asLong(-1);
    rows.add(new Row("结对共建覆盖 villages paired", "28 / 28 (100 %)",
        covered + " / " + total + String.format(Locale.ROOT, " (%.0f %%)", villages.path("coverage").asDouble() * 100),
        total == 28 && covered == 28));

    String social = overview.path("investment").path("bySource").path("SOCIAL_CAPITAL").path("committed").asString("");
    rows.add(new Row("社会资本投资 social capital", "5000万元 = 50000000.00", social,
        decimal(social).compareTo(new BigDecimal("50000000.00")) == 0));

    long projects = overview.path("projects").path("total").asLong(-1);
    rows.add(new Row("农业产业化项目 projects", "8余个 (≥ 8)", String.valueOf(projects), projects >= 8));

    long resolved = overview.path("needs").path("resolved").asLong(-1);
    rows.add(new Row("帮助解决问题 needs resolved", "400余个 (≥ 400)", String.valueOf(resolved), resolved >= 400));

    for (Scale s : SCALES) {
      BigDecimal shown = BigDecimal.ZERO;
      for (JsonNode row : overview.path("industryScale")) {
        if (s.industry().equals(row.path("industry").asString()) && s.unit().equals(row.path("unit").asString())) {
          shown = shown.add(decimal(row.path("quantity").asString("0")));
        }
      }
      rows.add(new Row(s.label() + " (" + s.unit() + ")", s.reportText() + " = " + s.quantity(),
          shown.stripTrailingZeros().toPlainString(), shown.compareTo(BigDecimal.valueOf(s.quantity())) == 0));
    }

    JsonNode income = overview.path("collectiveIncome");
    String incomeTotal = income.path("total").asString("");
    rows.add(new Row("村级集体经济收入 collective income", "1000余万元 (> 10000000.00)", incomeTotal,
        decimal(incomeTotal).compareTo(new BigDecimal("10000000.00")) > 0));
    long mid = income.path("bands").path("from200kTo500k").asLong(-1);
    long high = income.path("bands").path("atLeast500k").asLong(-1);
    rows.add(new Row("收入超20万元的村 villages 200k–500k", "10", String.valueOf(mid), mid == 10));
    rows.add(new Row("收入超50万元的村 villages ≥ 500k", "18", String.valueOf(high), high == 18));
    return rows;
  }

  /** The rows as a fixed-width table with ✓ / ✗. */
  public static String table(List<Row> rows) {
    int w1 = "figure".length();
    int w2 = "report".length();
    int w3 = "system".length();
    for (Row r : rows) {
      w1 = Math.max(w1, width(r.figure()));
      w2 = Math.max(w2, width(r.report()));
      w3 = Math.max(w3, width(r.system()));
    }
    StringBuilder sb = new StringBuilder();
    sb.append(pad("figure", w1)).append("  ").append(pad("report", w2)).append("  ").append(pad("system", w3))
        .append("\n");
    sb.append("-".repeat(w1 + w2 + w3 + 8)).append("\n");
    for (Row r : rows) {
      sb.append(pad(r.figure(), w1)).append("  ").append(pad(r.report(), w2)).append("  ")
          .append(pad(r.system(), w3)).append("  ").append(r.matches() ? "✓" : "✗").append("\n");
    }
    return sb.toString();
  }

  static BigDecimal decimal(String s) {
    try {
      return new BigDecimal(s.trim());
    } catch (RuntimeException e) {
      return BigDecimal.valueOf(-1);
    }
  }

  /** Display width: CJK characters take two columns. */
  static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w += cp >= 0x2E80 && cp != 0x2713 && cp != 0x2717 ? 2 : 1;
      i += Character.charCount(cp);
    }
    return w;
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(Math.max(0, w - width(s)));
  }
}
