package village.imports.workbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Writes small workbooks for tests: sheet name → header and rows (String, Number, LocalDate or null cells). */
public final class Workbooks {
  private final Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();

  public static Workbooks create() {
    return new Workbooks();
  }

  public Workbooks sheet(String name, List<String> header, List<?>... rows) {
    List<List<Object>> all = new java.util.ArrayList<>();
    all.add(List.copyOf(header));
    for (List<?> r : rows) all.add(new java.util.ArrayList<>(r));
    sheets.put(name, all);
    return this;
  }

  public byte[] bytes() {
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      var dateStyle = wb.createCellStyle();
      dateStyle.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
      for (var e : sheets.entrySet()) {
        XSSFSheet s = wb.createSheet(e.getKey());
        for (int r = 0; r < e.getValue().size(); r++) {
          XSSFRow row = s.createRow(r);
          List<Object> cells = e.getValue().get(r);
          for (int c = 0; c < cells.size(); c++) {
            Object v = cells.get(c);
            if (v == null) continue;
            var cell = row.createCell(c);
            if (v instanceof Number n) cell.setCellValue(n.doubleValue());
            else if (v instanceof LocalDate d) {
              cell.setCellValue(d);
              cell.setCellStyle(dateStyle);
            } else if (v instanceof Formula f) {
              cell.setCellFormula(f.formula());
            } else cell.setCellValue(String.valueOf(v));
          }
        }
      }
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ParsedWorkbook parsed() {
    return new WorkbookReader(10 * 1024 * 1024, 50_000).read(bytes(), "test.xlsx");
  }

  /** A formula cell (no cached value). */
  public record Formula(String formula) {}
}
