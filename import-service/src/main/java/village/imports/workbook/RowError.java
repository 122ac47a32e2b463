package village.imports.workbook;

/**
 * One finding in the workbook: the sheet (as named in the file), the spreadsheet's row number (the header is row 1),
 * the column's key (null for the whole row), the cell's value as read and what is wrong with it.
 */
public record RowError(String sheet, int row, String column, String value, String message) {}
