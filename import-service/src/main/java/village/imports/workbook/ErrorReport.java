package village.imports.workbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFCreationHelper;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The uploaded workbook back with its errors: each faulty cell filled red with its message as a comment, and a column
 * {@code 导入问题 (importErrors)} added to each sheet with the row's messages (a row-level or header problem goes
 * there and on the row's first cell).
 */
public final class ErrorReport {
  public static final String COLUMN = "导入问题 (importErrors)";

  private ErrorReport() {}

  public static byte[] of(WorkbookReader reader, byte[] file, String fileName, List<RowError> errors) {
    try (XSSFWorkbook wb = reader.open(file, fileName); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFCellStyle red = wb.createCellStyle();
      red.setFillForegroundColor(IndexedColors.ROSE.getIndex());
      red.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      Map<String, Map<Integer, List<RowError>>> bySheet = new LinkedHashMap<>();
      for (RowError e : errors) bySheet.computeIfAbsent(e.sheet(), k -> new LinkedHashMap<>()).computeIfAbsent(e.row(), k -> new ArrayList<>()).add(e);
      XSSFCreationHelper helper = wb.getCreationHelper();
      for (var entry : bySheet.entrySet()) {
        XSSFSheet sheet = wb.getSheet(entry.getKey());
        if (sheet == null) continue;
        Map<String, Integer> columns = columns(sheet);
        XSSFRow header = sheet.getRow(0) == null ? sheet.createRow(0) : sheet.getRow(0);
        int messageColumn = Math.max(header.getLastCellNum(), 0);
        header.createCell(messageColumn).setCellValue(COLUMN);
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        for (var rowErrors : entry.getValue().entrySet()) {
          int r = rowErrors.getKey() - 1;
          XSSFRow row = sheet.getRow(r) == null ? sheet.createRow(r) : sheet.getRow(r);
          List<String> messages = new ArrayList<>();
          Map<Integer, List<String>> byCell = new LinkedHashMap<>();
          for (RowError e : rowErrors.getValue()) {
            String m = (e.column() == null ? "" : e.column() + ": ") + e.message();
            messages.add(m);
            Integer c = e.column() == null ? null : columns.get(e.column());
            byCell.computeIfAbsent(c == null ? 0 : c, k -> new ArrayList<>()).add(m);
          }
          for (var cellMessages : byCell.entrySet()) {
            XSSFCell cell = row.getCell(cellMessages.getKey()) == null ? row.createCell(cellMessages.getKey()) : row.getCell(cellMessages.getKey());
            XSSFCellStyle style = wb.createCellStyle();
            style.cloneStyleFrom(cell.getCellStyle());
            style.setFillForegroundColor(IndexedColors.ROSE.getIndex());
            style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            cell.setCellStyle(style);
            if (cell.getCellComment() != null) cell.removeCellComment();
            ClientAnchor anchor = helper.createClientAnchor();
            anchor.setCol1(cell.getColumnIndex() + 1);
            anchor.setCol2(cell.getColumnIndex() + 5);
            anchor.setRow1(r);
            anchor.setRow2(r + 4);
            XSSFComment comment = drawing.createCellComment(anchor);
            comment.setString(helper.createRichTextString(String.join("\n", cellMessages.getValue())));
            comment.setAuthor("import");
            cell.setCellComment(comment);
          }
          XSSFCell m = row.createCell(messageColumn);
          m.setCellValue(String.join("; ", messages));
          m.setCellStyle(red);
        }
      }
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Column index by key, from the sheet's header row (as the reader maps it). */
  static Map<String, Integer> columns(XSSFSheet sheet) {
    Map<String, Integer> out = new LinkedHashMap<>();
    var spec = WorkbookContract.sheet(sheet.getSheetName());
    XSSFRow header = sheet.getRow(0);
    if (spec.isEmpty() || header == null) return out;
    for (int c = 0; c < header.getLastCellNum(); c++) {
      XSSFCell cell = header.getCell(c);
      if (cell == null) continue;
      int index = c;
      spec.get().column(cell.toString()).ifPresent(col -> out.putIfAbsent(col.key(), index));
    }
    return out;
  }
}
