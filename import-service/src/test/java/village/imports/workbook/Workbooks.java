package village.imports.workbook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import village.devstack.XlsxFiles;

/** Small workbooks for tests, built sheet by sheet (String, Number, LocalDate, {@link XlsxFiles.Formula} or null cells). */
public final class Workbooks {
  private final Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();

  public static Workbooks create() {
    return new Workbooks();
  }

  public Workbooks sheet(String name, List<String> header, List<?>... rows) {
    sheets.put(name, XlsxFiles.sheet(header, rows));
    return this;
  }

  public byte[] bytes() {
    return XlsxFiles.write(sheets);
  }

  public ParsedWorkbook parsed() {
    return new WorkbookReader(10 * 1024 * 1024, 50_000).read(bytes(), "test.xlsx");
  }
}
