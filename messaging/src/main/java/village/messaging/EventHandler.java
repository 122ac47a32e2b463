package village.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What an {@link EventStream} does with each record. */
public interface EventHandler {
  /** Applies one event. Must be idempotent and order-safe; throwing makes the stream retry it (offset not committed). */
  void apply(ReceivedEvent event);

  /** A record that cannot be decoded: set it aside with the reason. Never retried, never counted. */
  void poison(ConsumerRecord<String, String> record, String reason);

  /**
   * Called before the stream commits offsets: makes durable whatever {@link #apply} deferred (a handler may batch its
   * writes per poll instead of one round trip per event). Throwing leaves the offsets uncommitted; what was not
   * written must stay pending for the next call.
   */
  default void flush() {}

  /**
   * A watermark of a producing service on {@code topic}: every event before it on its partition has been passed to
   * {@link #apply} (and, within this poll, is flushed before the offsets are committed). Not an event: a handler that
   * does not care ignores it; it is never dead-lettered.
   */
  default void watermark(String topic, village.events.Watermark watermark) {}
}
