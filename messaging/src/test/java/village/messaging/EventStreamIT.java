package village.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import village.devstack.RealInfrastructure;
import village.events.Topics;
import village.events.partnership.NeedPosted;

/** The stream's contract with a handler that defers its writes to {@link EventHandler#flush}, on the real broker. */
@ExtendWith(RealInfrastructure.class)
class EventStreamIT {

  /** Keeps applied events pending until flush; the first {@code failures} flushes fail as a database would. */
  static final class DeferringHandler implements EventHandler {
    final Set<String> pending = ConcurrentHashMap.newKeySet();
    final List<String> stored = new CopyOnWriteArrayList<>();
    final AtomicInteger failures;

    DeferringHandler(int failures) {
      this.failures = new AtomicInteger(failures);
    }

    @Override
    public void apply(ReceivedEvent event) {
      pending.add(event.envelope().eventId().toString());
    }

    @Override
    public void poison(ConsumerRecord<String, String> record, String reason) {}

    @Override
    public void flush() {
      if (failures.getAndDecrement() > 0) throw new IllegalStateException("database unavailable");
      for (String id : List.copyOf(pending)) {
        stored.add(id);
        pending.remove(id);
      }
    }
  }

  /**
   * Sends until Kafka acknowledges, as the relay does: right after a topic's creation the idempotent producer was seen
   * to have a first batch refused for good (OutOfOrderSequenceException until its delivery time-out), so a plain
   * send-and-flush would leave a record out and the test would wait for it in vain.
   */
  static void sendAcknowledged(KafkaProducer<String, String> producer, ProducerRecord<String, String> record) {
    for (int attempt = 1; ; attempt++) {
      try {
        producer.send(record).get(30, java.util.concurrent.TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        if (attempt >= 5) throw new IllegalStateException("Kafka did not acknowledge " + record.key(), e);
      }
    }
  }

  @Test
  void theHandlerRunsInTheLogContextOfTheRequestThatCausedTheEvent() {
    String prefix = RealInfrastructure.properties(EventStreamIT.class).get("village.kafka.topic-prefix");
    String topic = Topics.named(prefix, Topics.PROJECTS); // not the topic the other test counts
    TopicProvisionerIT.create(prefix);
    Outbox outbox = new Outbox(new EventCodec(), prefix, Clock.systemUTC());
    String trace = UUID.randomUUID().toString().replace("-", "");
    OutboxEntry e = outbox.entry(Topics.PROJECTS, new NeedPosted("traced-" + trace, "CG001", "城关镇", "INDUSTRY", "水渠"),
        1, "test", Map.of("X-Request-Id", "req-" + trace, "traceparent", "00-" + trace + "-" + trace.substring(16) + "-01"));
    try (var producer = new KafkaProducer<String, String>(KafkaSettings.producer(RealInfrastructure.kafkaBootstrapServers(), "trace-it"))) {
      var record = new ProducerRecord<>(e.topic(), e.key(), e.payload());
      e.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      sendAcknowledged(producer, record);
    }
    Map<String, String> seen = new ConcurrentHashMap<>();
    EventHandler recording = new EventHandler() {
      @Override public void apply(ReceivedEvent event) {
        if (event.envelope().aggregateId().equals("traced-" + trace)) {
          seen.put("requestId", String.valueOf(org.slf4j.MDC.get("requestId")));
          seen.put("traceId", String.valueOf(org.slf4j.MDC.get("traceId")));
        }
      }
      @Override public void poison(ConsumerRecord<String, String> record, String reason) {}
      @Override public void flush() {}
    };
    try (EventStream stream = new EventStream(
        KafkaSettings.consumer(RealInfrastructure.kafkaBootstrapServers(), "trace-" + trace, "trace-it"), List.of(topic), recording)) {
      stream.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() == 2);
    }
    assertThat(seen).containsEntry("requestId", "req-" + trace).containsEntry("traceId", trace);
  }

  @Test
  void offsetsAreCommittedOnlyAfterAFlushAndAFailedFlushLosesNothing() {
    String prefix = RealInfrastructure.properties(EventStreamIT.class).get("village.kafka.topic-prefix");
    String topic = Topics.named(prefix, Topics.PARTNERSHIPS);
    TopicProvisionerIT.create(prefix); // the broker creates no topics by itself
    String group = "flush-" + UUID.randomUUID();
    Outbox outbox = new Outbox(new EventCodec(), prefix, Clock.systemUTC());
    List<String> sent = new CopyOnWriteArrayList<>();
    try (var producer = new KafkaProducer<String, String>(
        KafkaSettings.producer(RealInfrastructure.kafkaBootstrapServers(), "flush-it"))) {
      for (int i = 0; i < 30; i++) {
        OutboxEntry e = outbox.entry(Topics.PARTNERSHIPS, new NeedPosted("n" + i, "CG001", "城关镇", "INDUSTRY", "水渠" + i),
            1, "test", Map.of());
        sendAcknowledged(producer, new ProducerRecord<>(e.topic(), e.key(), e.payload()));
        sent.add(e.eventId());
      }
    }

    DeferringHandler failing = new DeferringHandler(3);
    try (EventStream stream = new EventStream(
        KafkaSettings.consumer(RealInfrastructure.kafkaBootstrapServers(), group, "flush-it"), List.of(topic), failing)) {
      stream.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> failing.stored.size() == sent.size());
      assertThat(failing.stored).as("every event stored once the flush succeeds, none skipped")
          .containsExactlyInAnyOrderElementsOf(sent);
      await().atMost(Duration.ofSeconds(30)).until(() -> stream.lag() == 0);
    }

    // the same group again: everything was committed, so nothing is delivered twice
    DeferringHandler next = new DeferringHandler(0);
    try (EventStream stream = new EventStream(
        KafkaSettings.consumer(RealInfrastructure.kafkaBootstrapServers(), group, "flush-it"), List.of(topic), next)) {
      stream.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> stream.lag() == 0);
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> next.pending.isEmpty());
      assertThat(next.stored).isEmpty();
    }

    // a group whose first flushes all fail commits nothing: a restart gets every event again
    String failingGroup = "flush-fail-" + UUID.randomUUID();
    DeferringHandler alwaysFailing = new DeferringHandler(Integer.MAX_VALUE);
    try (EventStream stream = new EventStream(
        KafkaSettings.consumer(RealInfrastructure.kafkaBootstrapServers(), failingGroup, "flush-it"), List.of(topic), alwaysFailing)) {
      stream.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> alwaysFailing.pending.size() == sent.size());
    }
    DeferringHandler restarted = new DeferringHandler(0);
    try (EventStream stream = new EventStream(
        KafkaSettings.consumer(RealInfrastructure.kafkaBootstrapServers(), failingGroup, "flush-it"), List.of(topic), restarted)) {
      stream.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> restarted.stored.size() == sent.size());
      assertThat(restarted.stored).containsExactlyInAnyOrderElementsOf(sent);
    }
  }
}
