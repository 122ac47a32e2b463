package village.messaging;

import java.util.Map;
import village.events.DomainEvent;
import village.events.EventEnvelope;

/** An event as a consumer receives it, with where it came from. */
public record ReceivedEvent(String topic, int partition, long offset, EventEnvelope<DomainEvent> envelope, Map<String, String> headers) {
  public DomainEvent data() {
    return envelope.data();
  }
}
