package village.imports.workbook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.HttpStatus;
import village.support.web.ProblemException;

/**
 * Reads an uploaded XLSX into {@link ParsedWorkbook}, refusing hostile files with a 4xx problem before anything is
 * done with them: over {@code maxBytes} (413); not an Office Open XML workbook, or macro-enabled (.xlsm: a VBA project
 * inside) (415); a zip bomb (an entry inflating more than 100 times, or over 128 MiB: POI's {@link ZipSecureFile}
 * limits) or XML with a DOCTYPE / external entities (POI's parsers refuse them) (400); more than {@code maxRows} rows
 * (413). Formulas are read as their cached value (a formula without one is a cell error). Numbers are read exactly as
 * the file stores them.
 */
public final class WorkbookReader {
  static {
    ZipSecureFile.setMinInflateRatio(0.01);
    ZipSecureFile.setMaxEntrySize(128L * 1024 * 1024);
  }

  private final long maxBytes;
  private final int maxRows;

  public WorkbookReader(long maxBytes, int maxRows) {
    this.maxBytes = maxBytes;
    this.maxRows = maxRows;
  }

  public ParsedWorkbook read(byte[] bytes, String filename) {
    try (XSSFWorkbook wb = open(bytes, filename)) {
      return parse(wb);
    } catch (ProblemException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw unreadable(e);
    }
  }

  /** Opens the workbook after the file-level checks (size, kind, macros, zip bombs, XML safety); 4xx otherwise. */
  public XSSFWorkbook open(byte[] bytes, String filename) {
    if (bytes.length > maxBytes) {
      throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "import-file-too-large", "File too large",
          "The file has " + bytes.length + " bytes; an import takes at most " + maxBytes + " bytes (village.imports.max-file-bytes).");
    }
    String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
    if (name.endsWith(".xlsm") || name.endsWith(".xltm") || name.endsWith(".xlsb")) {
      throw macros();
    }
    if (bytes.length >= 8 && (bytes[0] & 0xFF) == 0xD0 && (bytes[1] & 0xFF) == 0xCF) {
      throw notXlsx("It is an old-style .xls or an encrypted workbook; save it as .xlsx (Excel Workbook) without a password.");
    }
    if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'K' || bytes[2] != 3 || bytes[3] != 4) {
      throw notXlsx("It is not an .xlsx (Office Open XML) file.");
    }
    OPCPackage pkg = null;
    try {
      pkg = OPCPackage.open(new ByteArrayInputStream(bytes));
      for (PackagePart part : pkg.getParts()) {
        String type = part.getContentType() == null ? "" : part.getContentType().toLowerCase(Locale.ROOT);
        String partName = part.getPartName().getName().toLowerCase(Locale.ROOT);
        if (type.contains("macroenabled") || type.contains("vbaproject") || partName.endsWith("vbaproject.bin")) throw macros();
      }
      XSSFWorkbook wb = new XSSFWorkbook(pkg);
      int rows = 0;
      for (int i = 0; i < wb.getNumberOfSheets(); i++) {
        XSSFSheet s = wb.getSheetAt(i);
        if (!WorkbookContract.ignored(s.getSheetName())) rows += Math.max(0, s.getLastRowNum());
      }
      if (rows > maxRows) {
        wb.close();
        throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "import-too-many-rows", "Too many rows",
            "The workbook has " + rows + " rows below its headers; an import takes at most " + maxRows
                + " (village.imports.max-rows). Split it into several files.");
      }
      return wb;
    } catch (ProblemException e) {
      closeQuietly(pkg);
      throw e;
    } catch (Exception | LinkageError e) {
      closeQuietly(pkg);
      throw unreadable(e);
    }
  }

  private static void closeQuietly(OPCPackage pkg) {
    if (pkg == null) return;
    try {
      pkg.revert();
    } catch (RuntimeException ignored) {
      // nothing to do
    }
  }

  static ProblemException macros() {
    return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "import-macros-refused", "Macro-enabled workbook refused",
        "The file is a macro-enabled workbook (.xlsm); save it as .xlsx (Excel Workbook) without macros.");
  }

  static ProblemException notXlsx(String detail) {
    return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "import-not-xlsx", "Not an XLSX workbook", detail);
  }

  static ProblemException unreadable(Throwable e) {
    String m = String.valueOf(e.getMessage());
    for (Throwable c = e; c != null; c = c.getCause()) {
      String cm = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
      if (cm.contains("zip bomb") || cm.contains("max entry size") || cm.contains("inflate ratio") || cm.contains("maxtextsize")) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "import-zip-bomb", "File refused",
            "The file expands far beyond its size (a zip bomb?) and is refused.");
      }
      if (cm.contains("doctype") || cm.contains("external entit") || cm.contains("entity")) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "import-unsafe-xml", "File refused",
            "The file's XML declares a DOCTYPE or entities, which an import does not read.");
      }
    }
    return new ProblemException(HttpStatus.BAD_REQUEST, "import-unreadable", "Unreadable workbook",
        "The file could not be read as an .xlsx workbook (" + e.getClass().getSimpleName() + ": "
            + (m.length() > 200 ? m.substring(0, 200) : m) + ").");
  }

  ParsedWorkbook parse(XSSFWorkbook wb) {
    List<SheetRows> sheets = new ArrayList<>();
    List<RowError> errors = new ArrayList<>();
    Map<SheetSpec, String> seen = new HashMap<>();
    for (int i = 0; i < wb.getNumberOfSheets(); i++) {
      XSSFSheet sheet = wb.getSheetAt(i);
      String name = sheet.getSheetName();
      if (WorkbookContract.ignored(name)) continue;
      var spec = WorkbookContract.sheet(name);
      if (spec.isEmpty()) {
        errors.add(new RowError(name, 1, null, name, "unknown sheet; the sheets are "
            + WorkbookContract.SHEETS.stream().map(s -> s.key() + " (" + s.label() + ")").toList()));
        continue;
      }
      if (seen.containsKey(spec.get())) {
        errors.add(new RowError(name, 1, null, name, "a second " + spec.get().key() + " sheet (the first is '" + seen.get(spec.get()) + "')"));
        continue;
      }
      seen.put(spec.get(), name);
      sheets.add(sheet(spec.get(), sheet, errors));
    }
    return new ParsedWorkbook(sheets, errors);
  }

  private SheetRows sheet(SheetSpec spec, XSSFSheet sheet, List<RowError> errors) {
    String name = sheet.getSheetName();
    Map<String, Integer> index = new LinkedHashMap<>();
    XSSFRow header = sheet.getRow(0);
    if (header != null) {
      for (int c = 0; c < header.getLastCellNum(); c++) {
        XSSFCell cell = header.getCell(c);
        if (cell == null || cell.getCellType() == CellType.BLANK) continue;
        String text = cell.getCellType() == CellType.STRING ? cell.getStringCellValue().strip() : cell.toString();
        if (text.isEmpty()) continue;
        var column = spec.column(text);
        if (column.isEmpty()) {
          errors.add(new RowError(name, 1, null, text, "unknown column; the columns of " + spec.key() + " are "
              + spec.columns().stream().map(Column::key).toList()));
        } else if (index.containsKey(column.get().key())) {
          errors.add(new RowError(name, 1, column.get().key(), text, "the column " + column.get().key() + " appears twice"));
        } else {
          index.put(column.get().key(), c);
        }
      }
    }
    for (Column c : spec.columns()) {
      if (c.required() && !index.containsKey(c.key())) {
        errors.add(new RowError(name, 1, c.key(), null, "the required column " + c.key() + " (" + c.label() + ") is missing"));
      }
    }
    List<SheetRows.RowData> rows = new ArrayList<>();
    for (int r = 1; r <= sheet.getLastRowNum(); r++) {
      XSSFRow row = sheet.getRow(r);
      if (row == null) continue;
      Map<String, CellValue> cells = new HashMap<>();
      for (var e : index.entrySet()) {
        XSSFCell cell = row.getCell(e.getValue());
        if (cell == null) continue;
        try {
          CellValue v = value(cell);
          if (v != null) cells.put(e.getKey(), v);
        } catch (CellProblem p) {
          errors.add(new RowError(name, r + 1, e.getKey(), p.value, p.getMessage()));
          cells.put(e.getKey(), CellValue.text(p.value == null ? "" : p.value));
        }
      }
      if (!cells.isEmpty()) rows.add(new SheetRows.RowData(r + 1, cells));
    }
    return new SheetRows(spec, name, index, rows);
  }

  /** The cell's value, exactly; null for a blank cell. */
  static CellValue value(XSSFCell cell) {
    CellType type = cell.getCellType();
    if (type == CellType.FORMULA) {
      if (cell.getRawValue() == null) throw new CellProblem("=" + cell.getCellFormula(),
          "a formula without a stored result; type the value (or save the file in Excel so the result is kept)");
      type = cell.getCachedFormulaResultType();
    }
    return switch (type) {
      case BLANK -> null;
      case STRING -> {
        String s = cell.getStringCellValue().strip();
        yield s.isEmpty() ? null : CellValue.text(s);
      }
      case BOOLEAN -> CellValue.text(cell.getBooleanCellValue() ? "TRUE" : "FALSE");
      case NUMERIC -> {
        String raw = cell.getRawValue();
        if (DateUtil.isCellDateFormatted(cell)) {
          LocalDate d = cell.getLocalDateTimeCellValue().toLocalDate();
          yield CellValue.date(d);
        }
        try {
          yield CellValue.number(new BigDecimal(raw.strip()));
        } catch (RuntimeException e) {
          throw new CellProblem(raw, "not a number");
        }
      }
      case ERROR -> throw new CellProblem(cell.getErrorCellString(), "the cell shows an error");
      default -> throw new CellProblem(cell.toString(), "unreadable cell");
    };
  }

  static final class CellProblem extends RuntimeException {
    final String value;

    CellProblem(String value, String message) {
      super(message, null, false, false);
      this.value = value;
    }
  }
}
