package village.support.web;

/** A resource's {@code version} as its ETag, and the {@code If-Match} check (412 when stale). */
public final class ETags {
  private ETags() {}

  public static String of(long version) {
    return "\"" + version + "\"";
  }

  /** Passes when there is no If-Match, when it is {@code *}, or when one of its tags equals the current version. */
  public static void checkIfMatch(String ifMatch, long currentVersion) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) return;
    for (String tag : ifMatch.split(",")) {
      String t = tag.strip();
      if (t.startsWith("W/")) t = t.substring(2);
      if (t.equals(of(currentVersion))) return;
    }
    throw Problems.preconditionFailed("If-Match " + ifMatch + " does not match the current version " + of(currentVersion) + ".");
  }
}
