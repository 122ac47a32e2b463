package village.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The value of every Kafka record: {@code {eventId, type, schemaVersion, aggregateType, aggregateId,
 * sequence, occurredAt,
 * actor, data}}. {@code sequence} counts 1, 2, 3… per aggregate; consumers apply an event only if its sequence
 * is newer than the last one they applied for that aggregate.
 *
 * @param <T> the data: a {@link DomainEvent} record on the producer side, a parsed JSON tree on the consumer side
 */
public record EventEnvelope<T>(
    UUID eventId,
    String type,
    int schemaVersion,
    AggregateType aggregateType,
    String aggregateId,
    long sequence,
    Instant occurredAt,
    String actor,
    T data) {

  public EventEnvelope {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(aggregateType, "aggregateType");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (sequence < 1) throw new IllegalArgumentException("sequence must be >= 1, was " + sequence);
  }

  public static <E extends DomainEvent> EventEnvelope<E> of(E event, long sequence, Instant occurredAt, String actor) {
    return new EventEnvelope<>(UUID.randomUUID(), event.type(), event.schemaVersion(), event.aggregateType(),
        event.aggregateId(),
        sequence, occurredAt, actor, event);
  }
}
