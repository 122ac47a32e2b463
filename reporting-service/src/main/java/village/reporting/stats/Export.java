package village.reporting.stats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import village.reporting.readmodel.VillageFigures;

/** The village rows as CSV (UTF-8 with BOM, CRLF, so Excel opens Chinese names correctly) or XLSX (fastexcel). */
final class Export {
  /** The columns: each reads one field of a village's row. */
  private static final List<Function<VillageFigures, Object>> COLUMNS = List.of(VillageFigures::code, VillageFigures::name,
      VillageFigures::township, VillageFigures::activePartnerships, VillageFigures::resolvedNeeds, VillageFigures::projects,
      money(VillageFigures::committed), money(VillageFigures::disbursed), money(VillageFigures::collectiveIncome));
  static final String[] HEADINGS = {"村代码 code", "村名 name", "乡镇 township", "结对 active partnerships",
      "解决问题 resolved needs", "项目 projects", "承诺投资 committed", "已拨付 disbursed", "集体收入 collective income"};

  /** A money column: the decimal string of yuan as a number (null stays empty). */
  private static Function<VillageFigures, Object> money(Function<VillageFigures, String> field) {
    return row -> field.apply(row) == null ? null : new BigDecimal(field.apply(row));
  }

  private Export() {}

  static byte[] csv(List<VillageFigures> rows) {
    StringBuilder sb = new StringBuilder("\uFEFF");
    line(sb, List.of(HEADINGS));
    for (VillageFigures row : rows) {
      line(sb, COLUMNS.stream().map(c -> c.apply(row)).map(v -> v == null ? "" : v instanceof BigDecimal b ? b.toPlainString()
          : String.valueOf(v)).toList());
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void line(StringBuilder sb, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) sb.append(',');
      String c = cells.get(i);
      // quote what needs it; a leading = + - @ would be a formula in Excel: prefix it with '
      if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0 && !c.matches("-?[0-9.]+")) c = "'" + c;
      if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) c = '"' + c.replace("\"", "\"\"") + '"';
      sb.append(c);
    }
    sb.append("\r\n");
  }

  static byte[] xlsx(List<VillageFigures> rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Workbook wb = new Workbook(out, "VillagePartnershipRegistry", "1.0");
      Worksheet ws = wb.newWorksheet("villages");
      for (int c = 0; c < HEADINGS.length; c++) ws.value(0, c, HEADINGS[c]);
      int r = 1;
      for (VillageFigures row : rows) {
        for (int c = 0; c < COLUMNS.size(); c++) {
          Object v = COLUMNS.get(c).apply(row);
          if (v == null) continue;
          if (v instanceof Number n) ws.value(r, c, n);
          else ws.value(r, c, v.toString());
        }
        r++;
      }
      wb.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
