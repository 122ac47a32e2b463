package village.imports.workbook;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One non-blank cell as read: {@code text} is what the clerk sees (a number exactly as stored in the file, a date as
 * YYYY-MM-DD); {@code date} is set for a date cell, {@code number} for a numeric cell (exact: the decimal the file
 * holds, never through a double). A formula is read as its cached value.
 */
public record CellValue(String text, LocalDate date, BigDecimal number) {
  public static CellValue text(String s) {
    return new CellValue(s, null, null);
  }

  public static CellValue date(LocalDate d) {
    return new CellValue(d.toString(), d, null);
  }

  public static CellValue number(BigDecimal n) {
    return new CellValue(n.toPlainString(), null, n);
  }
}
