package village.support.web;

import java.io.IOException;

/** Thrown while reading a request body that goes past the limit; becomes a 413 problem. */
public final class PayloadTooLarge extends IOException {
  private final long max;

  public PayloadTooLarge(long max) {
    super("request body exceeds " + max + " bytes");
    this.max = max;
  }

  public long max() {
    return max;
  }
}
