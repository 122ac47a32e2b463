package village.acceptance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes a workbook the way another tool would (plain POI, not import-service's template): one sheet per entry, its
 * first row the header; numbers become numeric cells, {@link LocalDate}s date cells, everything else text, and a
 * null or empty value an absent cell.
 */
public final class XlsxFiles {
  private XlsxFiles() {}

  /** A sheet: the header, then the rows. */
  public static List<List<Object>> sheet(List<String> header, List<?>... rows) {
    List<List<Object>> out = new ArrayList<>();
    out.add(new ArrayList<>(header));
    for (List<?> r : rows) out.add(new ArrayList<>(r));
    return out;
  }

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
            if (v instanceof Number n) {
              row.createCell(c).setCellValue(n.doubleValue());
            } else if (v instanceof LocalDate d) {
              row.createCell(c).setCellValue(d);
              row.getCell(c).setCellStyle(dateStyle);
            } else {
              row.createCell(c).setCellValue(String.valueOf(v));
            }
          }
        }
      }
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
