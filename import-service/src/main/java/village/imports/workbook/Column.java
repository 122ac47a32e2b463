package village.imports.workbook;

import java.util.List;

/** One column of a sheet: its English key, its Chinese label, what it holds and, when enumerated, the allowed values. */
public record Column(String key, String label, Kind kind, boolean required, List<String> values) {
  public enum Kind { TEXT, DATE, MONEY, DECIMAL, INTEGER, ENUM, LIST }

  public Column {
    values = values == null ? List.of() : List.copyOf(values);
  }

  static Column text(String key, String label, boolean required) {
    return new Column(key, label, Kind.TEXT, required, List.of());
  }

  static Column of(String key, String label, Kind kind, boolean required) {
    return new Column(key, label, kind, required, List.of());
  }

  static Column oneOf(String key, String label, boolean required, List<String> values) {
    return new Column(key, label, Kind.ENUM, required, values);
  }

  static Column listOf(String key, String label, boolean required, List<String> values) {
    return new Column(key, label, Kind.LIST, required, values);
  }

  /** The template's header: the label with the key beside it, e.g. {@code 村代码 (code)}. */
  public String header() {
    return label + " (" + key + ")";
  }
}
