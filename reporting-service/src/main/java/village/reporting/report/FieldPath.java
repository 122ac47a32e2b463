package village.reporting.report;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a figure sits in a statistics response: dot-separated names ({@code collectiveIncome.bands.atLeast500k}), and for
 * a list a selector of {@code name=value} pairs picking the one element that has them all
 * ({@code industryScale[industry=SWEET_POTATO,unit=MU].quantity}). Reads the response as maps and lists (JSON).
 */
public record FieldPath(String path) {
  private static final Pattern STEP = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)(?:\\[([A-Za-z0-9_]+=[A-Za-z0-9_]+(?:,[A-Za-z0-9_]+=[A-Za-z0-9_]+)*)])?");

  /** Thrown for a path that is not of this syntax. */
  public static final class BadPath extends IllegalArgumentException {
    BadPath(String path) {
      super("not a field path: " + path);
    }
  }

  public FieldPath {
    if (path == null || path.length() > 300) throw new BadPath(String.valueOf(path));
    for (String step : path.split("\\.", -1)) {
      if (!STEP.matcher(step).matches()) throw new BadPath(path);
    }
  }

  /** The value at this path, or null when the response has none there. */
  public Object read(Object response) {
    Object at = response;
    for (String step : path.split("\\.")) {
      Matcher m = STEP.matcher(step);
      m.matches();
      if (!(at instanceof Map<?, ?> map)) return null;
      at = map.get(m.group(1));
      if (m.group(2) != null) at = select(at, m.group(2));
      if (at == null) return null;
    }
    return at;
  }

  private static Object select(Object list, String selector) {
    if (!(list instanceof List<?> items)) return null;
    for (Object item : items) {
      if (!(item instanceof Map<?, ?> map)) continue;
      boolean all = true;
      for (String pair : selector.split(",")) {
        String[] kv = pair.split("=", 2);
        Object v = map.get(kv[0]);
        if (v == null || !String.valueOf(v).equals(kv[1])) all = false;
      }
      if (all) return item;
    }
    return null;
  }
}
