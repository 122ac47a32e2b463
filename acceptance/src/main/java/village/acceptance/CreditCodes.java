package village.acceptance;

import java.util.concurrent.ThreadLocalRandom;

/** Fresh valid unified social credit codes (GB 32100-2015) for clients that register organizations in bulk. */
public final class CreditCodes {
  private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

  private CreditCodes() {}

  /** An enterprise (91) of region 131125 with a random organization code (GB 11714) and the right check character. */
  public static String random() {
    return of(ThreadLocalRandom.current().nextInt(100_000_000));
  }

  /** The same, for a given organization number (0 to 99,999,999): the same number gives the same code. */
  public static String of(int number) {
    String digits = String.format("%08d", number);
    int sum = 0;
    for (int i = 0; i < 8; i++) sum += (digits.charAt(i) - '0') * ORG_WEIGHTS[i];
    int c = 11 - sum % 11;
    String body = "91131125" + digits + (c == 10 ? "X" : c == 11 ? "0" : Integer.toString(c));
    int total = 0;
    for (int i = 0; i < 17; i++) total += ALPHABET.indexOf(body.charAt(i)) * WEIGHTS[i];
    return body + ALPHABET.charAt((31 - total % 31) % 31);
  }
}
