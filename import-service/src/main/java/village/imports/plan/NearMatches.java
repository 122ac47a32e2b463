package village.imports.plan;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

/**
 * A name written slightly differently from one in the register (红旗村 vs 红旗村委会, 红旗一组 vs 红旗二组): the same once
 * the usual suffixes (村, 村委会, 社区, 有限公司 …) are left off, or (three characters or more) one character apart.
 */
final class NearMatches {
  private static final String[] SUFFIXES = {"村民委员会", "居民委员会", "村委会", "居委会", "社区", "村", "有限责任公司", "有限公司", "公司"};

  private NearMatches() {}

  static <T> Optional<T> likely(String name, Collection<T> candidates, Function<T, String> nameOf) {
    String n = base(name);
    if (n.length() < 2) return Optional.empty();
    for (T c : candidates) {
      String other = nameOf.apply(c);
      if (other == null || other.equals(name)) continue;
      String o = base(other);
      if (o.length() < 2) continue;
      if (o.equals(n) || (Math.min(n.length(), o.length()) >= 3 && distance(n, o) <= 1)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  static String base(String s) {
    String t = s == null ? "" : s.replaceAll("\\s+", "");
    boolean cut = true;
    while (cut) {
      cut = false;
      for (String suffix : SUFFIXES) {
        if (t.length() > suffix.length() + 1 && t.endsWith(suffix)) {
          t = t.substring(0, t.length() - suffix.length());
          cut = true;
        }
      }
    }
    return t;
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
