package village.identity.accounts;

import java.security.SecureRandom;
import java.util.Locale;
import village.support.web.Problems;

/**
 * The minimum strength of a password: {@value #RULE}
 */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 10;
  public static final String RULE = "A password has at least 10 characters, at most 128, uses at least three of: lower-case "
      + "letters, upper-case letters, digits, other characters, and does not contain the user name.";
  private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
  private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String DIGITS = "23456789";
  private static final String OTHER = "-_.!@#%+=";
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordPolicy() {}

  /** True if {@code password} meets the rule for {@code username}. */
  public static boolean acceptable(String username, String password) {
    if (password == null || password.length() < MIN_LENGTH || password.length() > 128) return false;
    if (username != null && !username.isBlank()
        && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) return false;
    boolean lower = false, upper = false, digit = false, other = false;
    for (int i = 0; i < password.length(); i++) {
      char c = password.charAt(i);
      if (Character.isLowerCase(c)) lower = true;
      else if (Character.isUpperCase(c)) upper = true;
      else if (Character.isDigit(c)) digit = true;
      else other = true;
    }
    int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    return classes >= 3;
  }

  /** A 400 problem stating the rule unless {@code password} meets it. */
  public static void require(String field, String username, String password) {
    if (!acceptable(username, password)) throw Problems.invalid(field, RULE);
  }

  /** A random password that meets the rule: 16 characters with every class, no look-alike characters. */
  public static String generate() {
    String all = LOWER + UPPER + DIGITS + OTHER;
    char[] out = new char[16];
    String[] classes = {LOWER, UPPER, DIGITS, OTHER};
    for (int i = 0; i < out.length; i++) {
      String from = i < classes.length ? classes[i] : all;
      out[i] = from.charAt(RANDOM.nextInt(from.length()));
    }
    for (int i = out.length - 1; i > 0; i--) { // shuffle so the classes are not at fixed places
      int j = RANDOM.nextInt(i + 1);
      char t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return new String(out);
  }
}
