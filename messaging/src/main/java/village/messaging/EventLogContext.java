package village.messaging;

import java.util.Map;
import org.slf4j.MDC;
import village.contracts.RequestIds;

/**
 * While a consumer handles an event, its log lines carry the request that caused it: the {@code X-Request-Id} header
 * as {@code requestId}, and the W3C {@code traceparent} header ({@code 00-<trace id>-<span id>-<flags>}) as
 * {@code traceId} and {@code spanId} — the MDC keys the services' HTTP log lines use.
 */
final class EventLogContext implements AutoCloseable {
  static final String TRACEPARENT = "traceparent";
  private static final String[] KEYS = {"requestId", "traceId", "spanId"};

  private EventLogContext() {}

  static EventLogContext of(Map<String, String> headers) {
    put("requestId", headers.get(RequestIds.HEADER));
    String traceparent = headers.get(TRACEPARENT);
    String[] parts = traceparent == null ? new String[0] : traceparent.split("-");
    if (parts.length == 4 && parts[1].matches("[0-9a-f]{32}") && parts[2].matches("[0-9a-f]{16}")) {
      put("traceId", parts[1]);
      put("spanId", parts[2]);
    }
    return new EventLogContext();
  }

  private static void put(String key, String value) {
    if (value != null && value.length() <= 100) MDC.put(key, value);
  }

  @Override
  public void close() {
    for (String k : KEYS) MDC.remove(k);
  }
}
