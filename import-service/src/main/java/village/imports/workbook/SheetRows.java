package village.imports.workbook;

import java.util.List;
import java.util.Map;

/** A sheet of the workbook as read: its contract, its name in the file, where each column is, and its data rows. */
public record SheetRows(SheetSpec spec, String name, Map<String, Integer> columnIndex, List<RowData> rows) {
  public SheetRows {
    columnIndex = Map.copyOf(columnIndex);
    rows = List.copyOf(rows);
  }

  /** One data row: its spreadsheet row number and its non-blank cells by column key. */
  public record RowData(int number, Map<String, CellValue> cells) {
    public RowData {
      cells = Map.copyOf(cells);
    }

    public CellValue cell(String key) {
      return cells.get(key);
    }
  }
}
