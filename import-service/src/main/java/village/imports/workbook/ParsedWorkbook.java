package village.imports.workbook;

import java.util.List;
import java.util.Optional;

/** The sheets of a workbook and what was wrong with their shape (unknown sheets and columns, unreadable cells). */
public record ParsedWorkbook(List<SheetRows> sheets, List<RowError> errors) {
  public ParsedWorkbook {
    sheets = List.copyOf(sheets);
    errors = List.copyOf(errors);
  }

  public Optional<SheetRows> sheet(SheetSpec spec) {
    return sheets.stream().filter(s -> s.spec().equals(spec)).findFirst();
  }

  public int rowCount() {
    return sheets.stream().mapToInt(s -> s.rows().size()).sum();
  }
}
