package village.imports.workbook;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One kind of sheet: its English key, its Chinese label and its columns (the workbook contract of issue 20). */
public record SheetSpec(String key, String label, List<Column> columns) {
  public SheetSpec {
    columns = List.copyOf(columns);
  }

  /**
   * The column a header names: the key or the label, case-insensitive, or the template's {@code label (key)}; empty
   * when it names none of this sheet's columns.
   */
  public Optional<Column> column(String header) {
    String h = normalize(header);
    for (Column c : columns) {
      if (h.equals(normalize(c.key())) || h.equals(normalize(c.label())) || h.equals(normalize(c.header()))) return Optional.of(c);
    }
    int open = Math.max(h.lastIndexOf('('), h.lastIndexOf('（'));
    if (open > 0 && (h.endsWith(")") || h.endsWith("）"))) {
      String inner = h.substring(open + 1, h.length() - 1).strip();
      for (Column c : columns) if (inner.equals(normalize(c.key()))) return Optional.of(c);
    }
    return Optional.empty();
  }

  public Optional<Column> column(String key, boolean byKeyOnly) {
    return columns.stream().filter(c -> c.key().equals(key)).findFirst();
  }

  static String normalize(String s) {
    String t = s == null ? "" : s.strip();
    while (t.endsWith("*")) t = t.substring(0, t.length() - 1).strip(); // the template marks required columns with *
    return t.replace('（', '(').replace('）', ')').replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /** True if {@code name} is this sheet's key or label (case-insensitive). */
  public boolean named(String name) {
    String n = normalize(name);
    return n.equals(normalize(key)) || n.equals(normalize(label)) || n.equals(normalize(label + " (" + key + ")"))
        || n.equals(normalize(label + " " + key));
  }
}
