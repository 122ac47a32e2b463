package village.messaging;

import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import village.events.DomainEvent;
import village.events.EventEnvelope;
import village.events.Topics;

/**
 * Turns a domain event into an {@link OutboxEntry} and into the pieces of the single document write that stores
 * it with the state change: {@link #append} for updates, {@link #FIELD} for inserts.
 */
public final class Outbox {
  /** The array field inside every aggregate document that holds its pending events. */
  public static final String FIELD = "outbox";

  private final EventCodec codec;
  private final String topicPrefix;
  private final Clock clock;

  public Outbox(EventCodec codec, String topicPrefix, Clock clock) {
    this.codec = codec;
    this.topicPrefix = topicPrefix == null ? "" : topicPrefix;
    this.clock = clock;
  }

  /**
   * @param topic one of {@link Topics} (the prefix is applied here)
   * @param sequence the aggregate's sequence number for this event (1 for its creation, then 2, 3, …)
   * @param actor the subject of the caller who caused it
   */
  public OutboxEntry entry(String topic, DomainEvent event, long sequence, String actor, Map<String, String> headers) {
    EventEnvelope<DomainEvent> envelope = EventEnvelope.of(event, sequence, clock.instant(), actor);
    return new OutboxEntry(envelope.eventId().toString(), Topics.named(topicPrefix, topic), event.aggregateId(),
        sequence, codec.encode(envelope), headers);
  }

  /** The update that appends entries to the document's outbox (combine it with the state change). */
  public static Bson append(OutboxEntry... entries) {
    return Updates.pushEach(FIELD, Arrays.stream(entries).map(OutboxEntry::toDocument).toList());
  }

  /** The outbox field value for a document being inserted. */
  public static List<Document> initial(OutboxEntry... entries) {
    return Arrays.stream(entries).map(OutboxEntry::toDocument).toList();
  }

  public String topicPrefix() {
    return topicPrefix;
  }
}
