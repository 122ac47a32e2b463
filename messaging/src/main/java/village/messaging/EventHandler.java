package village.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What an {@link EventStream} does with each record. */
public interface EventHandler {
  /** Applies one event. Must be idempotent and order-safe; throwing makes the stream retry it (offset not committed). */
  void apply(ReceivedEvent event);

  /** A record that cannot be decoded: set it aside with the reason. Never retried, never counted. */
  void poison(ConsumerRecord<String, String> record, String reason);
}
