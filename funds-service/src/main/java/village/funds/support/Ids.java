package village.funds.support;

import java.util.regex.Pattern;

/** Ids and village codes this service passes into URLs of other services: only {@code [A-Za-z0-9._:-]}, 1–100 characters. */
public final class Ids {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  private Ids() {}

  public static boolean isSafe(String id) {
    return id != null && SAFE.matcher(id).matches() && !id.contains("..");
  }
}
