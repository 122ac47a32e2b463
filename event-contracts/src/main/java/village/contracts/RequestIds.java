package village.contracts;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id that follows one call from the client through the gateway into a service's log lines and the
 * Kafka headers of the events it causes. The gateway and the services judge a caller's id by this one rule, so an id
 * the gateway accepted is never replaced further in.
 */
public final class RequestIds {
  /** The HTTP header, and the Kafka header of the events written while handling the request. */
  public static final String HEADER = "X-Request-Id";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private RequestIds() {}

  /** The caller's id when it is 1–100 characters of letters, digits, '.', '_' or '-'; otherwise a new UUID. */
  public static String acceptOrCreate(String given) {
    return given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
  }
}
