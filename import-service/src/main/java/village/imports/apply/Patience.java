package village.imports.apply;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How long an import waits for a service that cannot answer now (down, timing out, 429, 502–504) before it stops and
 * asks for the file to be posted again: every write is safe to repeat (creating writes carry an Idempotency-Key, state
 * moves take a 409 as done, income is a PUT), so a short outage costs a pause, not a failed job. The wait between
 * tries doubles from {@code first} up to {@code longest}; a {@code Retry-After} the service sends is honoured within
 * that bound. {@code waiting} hears each pause (the job shows it).
 */
public record Patience(Duration retryFor, Duration first, Duration longest, Consumer<String> waiting) {
  public static final Patience NONE = new Patience(Duration.ZERO, Duration.ZERO, Duration.ZERO, m -> {});

  public static Patience of(Duration retryFor, Consumer<String> waiting) {
    return new Patience(retryFor, Duration.ofMillis(500), Duration.ofSeconds(15), waiting);
  }

  /** The pause before try {@code tries + 1}, or null when waiting {@code waited} more would pass {@code retryFor}. */
  Duration pause(int tries, Duration waited, Duration retryAfter) {
    long doubled = first.toMillis() << Math.min(tries - 1, 20);
    long millis = Math.min(longest.toMillis(), retryAfter != null ? Math.max(retryAfter.toMillis(), first.toMillis()) : doubled);
    if (waited.toMillis() + millis > retryFor.toMillis()) return null;
    return Duration.ofMillis(millis);
  }

  /** {@code Retry-After} in seconds, as the services and the gateway send it; null when absent or not a number. */
  static Duration retryAfter(String header) {
    if (header == null) return null;
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
