package village.messaging;

import java.time.Duration;

/** How long the relay waits before trying an aggregate again: doubling from 400 ms with each failed round, capped. */
final class RetryBackoff {
  private static final long FIRST_MILLIS = 400;

  private RetryBackoff() {}

  /** The wait after {@code failures} consecutive failed rounds (1 = the first failure). */
  static long delayMillis(int failures, Duration max) {
    int doublings = Math.max(0, Math.min(failures, 20) - 1);
    return Math.min(max.toMillis(), FIRST_MILLIS << doublings);
  }
}
