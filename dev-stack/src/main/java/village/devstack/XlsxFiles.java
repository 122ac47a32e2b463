package village.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes a workbook the way another tool would (plain POI, not import-service's template), for the tests and the
 * demo: one sheet per entry, its first row the header; numbers become numeric cells, {@link LocalDate}s date cells,
 * {@link Formula}s formula cells without a cached value, everything else text, and a null or empty value an absent cell.
 */
public final class XlsxFiles {
  private XlsxFiles() {}

  /** A formula cell (no cached value). */
  public record Formula(String formula) {}

  /** A sheet: the header, then the rows. */
  public static List<List<Object>> sheet(List<String> header, List<?>... rows) {
    List<List<Object>> out = new ArrayList<>();
    out.add(new ArrayList<>(header));
    for (List<?> r : rows) out.add(new ArrayList<>(r));
    return out;
  }

  /** Sheet name → header and rows, in the map's order. */
  public static byte[] write(Map<String, List<List<Object>>> sheets) {
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
            if (v == null || "".equals(v)) continue;
            var cell = row.createCell(c);
            switch (v) {
              case Number n -> cell.setCellValue(n.doubleValue());
              case LocalDate d -> {
                cell.setCellValue(d);
                cell.setCellStyle(dateStyle);
              }
              case Formula f -> cell.setCellFormula(f.formula());
              default -> cell.setCellValue(String.valueOf(v));
            }
          }
        }
      }
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
