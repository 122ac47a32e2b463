package village.imports.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import village.contracts.Money;
import village.imports.workbook.CellValue;
import village.imports.workbook.Column;
import village.imports.workbook.RowError;
import village.imports.workbook.SheetRows;
import village.imports.workbook.SheetSpec;

/**
 * One row's cells read as the types of its columns, each problem recorded as a {@link RowError} on that cell: text
 * (one line, at most 200 characters), dates (a date cell or YYYY-MM-DD text), money (exact: the decimal the file holds,
 * or decimal text; at most 2 decimals), decimals, integers, enumerated values (case-insensitive) and lists (comma
 * separated).
 */
final class Cells {
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");
  static final int MAX_TEXT = 200;
  static final int MAX_LONG_TEXT = 2000;

  private final String sheet;
  private final SheetSpec spec;
  private final SheetRows.RowData row;
  private final List<RowError> errors;
  private final int errorsBefore;

  Cells(String sheet, SheetSpec spec, SheetRows.RowData row, List<RowError> errors) {
    this.sheet = sheet;
    this.spec = spec;
    this.row = row;
    this.errors = errors;
    this.errorsBefore = errors.size();
  }

  int row() {
    return row.number();
  }

  /** True if no problem was recorded for this row since it was opened. */
  boolean ok() {
    return errors.size() == errorsBefore;
  }

  boolean has(String key) {
    return row.cell(key) != null;
  }

  String raw(String key) {
    CellValue v = row.cell(key);
    return v == null ? null : v.text();
  }

  void error(String key, String message) {
    errors.add(new RowError(sheet, row.number(), key, raw(key), message));
  }

  private Column column(String key) {
    return spec.column(key, true).orElseThrow();
  }

  private boolean missing(String key) {
    if (row.cell(key) != null) return false;
    if (column(key).required()) error(key, "is required");
    return true;
  }

  String text(String key) {
    return text(key, MAX_TEXT);
  }

  String text(String key, int max) {
    if (missing(key)) return null;
    String s = raw(key);
    if (s.length() > max) {
      error(key, "is longer than " + max + " characters");
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      int t = Character.getType(s.charAt(i));
      if ((t == Character.CONTROL && max <= MAX_TEXT) || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR) {
        error(key, "must be one line of text");
        return null;
      }
    }
    return s;
  }

  /** A code: 1 to 40 of A-Z a-z 0-9 . _ - (villages' codes, refs). */
  String code(String key) {
    String s = text(key);
    if (s != null && !s.matches("[A-Za-z0-9._-]{1,40}")) {
      error(key, "must be 1 to 40 of A-Z a-z 0-9 . _ -");
      return null;
    }
    return s;
  }

  LocalDate date(String key) {
    if (missing(key)) return null;
    CellValue v = row.cell(key);
    if (v.date() != null) return v.date();
    if (v.number() == null && ISO_DATE.matcher(v.text()).matches()) {
      try {
        return LocalDate.parse(v.text());
      } catch (DateTimeParseException e) {
        error(key, "is not a date of the calendar");
        return null;
      }
    }
    error(key, "must be a date: a date cell or YYYY-MM-DD text");
    return null;
  }

  Money money(String key) {
    if (missing(key)) return null;
    CellValue v = row.cell(key);
    String text = v.number() != null ? v.number().toPlainString() : v.text().replace(",", "").strip();
    if (v.date() != null) {
      error(key, "must be an amount of yuan, not a date");
      return null;
    }
    try {
      BigDecimal exact = new BigDecimal(text);
      if (exact.scale() > 2) exact = exact.stripTrailingZeros();
      if (exact.scale() > 2) {
        error(key, "has more than 2 decimals (" + text + "); amounts are yuan with at most 2 decimals");
        return null;
      }
      return Money.ofYuan(exact.scale() < 0 ? exact.setScale(0).toPlainString() : exact.toPlainString());
    } catch (NumberFormatException | Money.InvalidMoney e) {
      error(key, e instanceof Money.InvalidMoney m ? m.getMessage() : "must be an amount of yuan, e.g. 1500000.00");
      return null;
    }
  }

  BigDecimal decimal(String key) {
    if (missing(key)) return null;
    CellValue v = row.cell(key);
    if (v.number() != null) return v.number();
    try {
      if (v.date() == null) return new BigDecimal(v.text().replace(",", ""));
    } catch (NumberFormatException e) {
      // below
    }
    error(key, "must be a number");
    return null;
  }

  Integer integer(String key) {
    if (missing(key)) return null;
    CellValue v = row.cell(key);
    String t = v.number() != null ? v.number().stripTrailingZeros().toPlainString() : v.text();
    if (v.date() == null && INTEGER.matcher(t).matches()) return Integer.parseInt(t);
    error(key, "must be a whole number");
    return null;
  }

  String oneOf(String key) {
    if (missing(key)) return null;
    List<String> values = column(key).values();
    String t = raw(key).strip().toUpperCase(Locale.ROOT);
    if (values.contains(t)) return t;
    error(key, "must be one of " + values);
    return null;
  }

  List<String> list(String key) {
    if (missing(key)) return List.of();
    List<String> values = column(key).values();
    List<String> out = new ArrayList<>();
    for (String part : raw(key).split("[,，、;；]")) {
      String p = part.strip();
      if (p.isEmpty()) continue;
      if (!values.isEmpty()) {
        p = p.toUpperCase(Locale.ROOT);
        if (!values.contains(p)) {
          error(key, "'" + part.strip() + "' is not one of " + values);
          continue;
        }
      }
      if (!out.contains(p)) out.add(p);
    }
    if (out.isEmpty() && column(key).required()) error(key, "is required");
    return out;
  }
}
