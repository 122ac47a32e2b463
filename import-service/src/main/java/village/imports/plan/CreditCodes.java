package village.imports.plan;

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015) check an organization's registration applies, so that
 * a bad code is found before the first write: 18 characters of {@code 0-9 A-H J-N P-R T-U W-Y}, a registration
 * authority, a 6-digit region code and a check character over the first 17 (weights 3^i mod 31).
 */
public final class CreditCodes {
  static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  private static final String AUTHORITIES = "123456789ANY";

  private CreditCodes() {}

  /** Why {@code value} is not a valid code, or null if it is. */
  public static String problem(String value) {
    if (value == null || value.isEmpty()) return "is required";
    if (value.length() != 18) return "must be 18 characters (it has " + value.length() + ")";
    for (int i = 0; i < 18; i++) {
      if (ALPHABET.indexOf(value.charAt(i)) < 0) return "character " + (i + 1) + " ('" + value.charAt(i) + "') is not allowed (0-9 and A-Y without I, O, S, V, Z)";
    }
    if (AUTHORITIES.indexOf(value.charAt(0)) < 0) return "the registration authority (character 1) is not valid";
    for (int i = 2; i < 8; i++) {
      if (!Character.isDigit(value.charAt(i))) return "the region code (characters 3 to 8) must be digits";
    }
    if (value.charAt(17) != checkCharacter(value)) return "the check character (the last) does not match; is a character mistyped?";
    return null;
  }

  public static char checkCharacter(String code) {
    int sum = 0;
    for (int i = 0; i < 17; i++) sum += ALPHABET.indexOf(code.charAt(i)) * WEIGHTS[i];
    return ALPHABET.charAt((31 - sum % 31) % 31);
  }
}
