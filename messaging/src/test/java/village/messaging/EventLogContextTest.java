package village.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class EventLogContextTest {
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String SPAN = "00f067aa0ba902b7";

  @Test
  void theRequestIdAndTheTraceContextOfTheEventAreInTheLogContextWhileItIsHandled() {
    try (EventLogContext ignored = EventLogContext.of(Map.of("X-Request-Id", "req-1", "traceparent", "00-" + TRACE + "-" + SPAN + "-01"))) {
      assertThat(MDC.get("requestId")).isEqualTo("req-1");
      assertThat(MDC.get("traceId")).isEqualTo(TRACE);
      assertThat(MDC.get("spanId")).isEqualTo(SPAN);
    }
    assertThat(MDC.get("requestId")).isNull();
    assertThat(MDC.get("traceId")).isNull();
    assertThat(MDC.get("spanId")).isNull();
  }

  @Test
  void aMalformedTraceparentIsIgnoredAndAnEventWithoutHeadersChangesNothing() {
    try (EventLogContext ignored = EventLogContext.of(Map.of("traceparent", "00-" + TRACE.toUpperCase() + "-" + SPAN + "-01"))) {
      assertThat(MDC.get("traceId")).isNull();
    }
    try (EventLogContext ignored = EventLogContext.of(Map.of("traceparent", "garbage"))) {
      assertThat(MDC.get("traceId")).isNull();
    }
    try (EventLogContext ignored = EventLogContext.of(Map.of())) {
      assertThat(MDC.getCopyOfContextMap() == null || MDC.getCopyOfContextMap().isEmpty()).isTrue();
    }
  }
}
