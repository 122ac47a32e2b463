package village.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka poll loop on its own thread: decodes each record, hands it to the {@link EventHandler}, and commits the
 * offsets only after the handler returned. A record that fails to apply is retried (the loop seeks back to it)
 * after a short pause; a record that cannot be decoded goes to {@link EventHandler#poison} and is passed.
 * A rebuild does not rewind this stream: it reads from offset 0 with a stream (consumer group) of its own.
 */
public final class EventStream implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventStream.class);

  private final KafkaConsumer<String, String> consumer;
  private final List<String> topics;
  private final EventHandler handler;
  private final EventCodec codec = new EventCodec();
  private final Thread thread;
  private volatile boolean running;
  private volatile long lag = -1;
  private volatile long applied;
  private volatile long lastLagCheck;

  public EventStream(Properties consumerProperties, List<String> topics, EventHandler handler) {
    this.consumer = new KafkaConsumer<>(consumerProperties);
    this.topics = List.copyOf(topics);
    this.handler = handler;
    this.thread = new Thread(this::run, "event-stream-" + String.join(",", topics));
    this.thread.setDaemon(true);
  }

  public synchronized void start() {
    if (running) return;
    running = true;
    thread.start();
  }

  /** Messages not yet consumed across the assigned partitions; -1 until known. */
  public long lag() {
    return lag;
  }

  public long appliedCount() {
    return applied;
  }

  private void run() {
    consumer.subscribe(topics, new ConsumerRebalanceListener() {
      @Override public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
      @Override public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
    });
    while (running) {
      try {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
        if (!records.isEmpty()) process(records);
        updateLag(false);
      } catch (WakeupException e) {
        // closing: the loop re-checks
      } catch (RuntimeException e) {
        if (!running) break;
        log.warn("event stream error, retrying: {}", e.toString());
        pause();
      }
    }
    try {
      consumer.close(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      log.debug("closing consumer: {}", e.toString());
    }
  }

  private void process(ConsumerRecords<String, String> records) {
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    for (TopicPartition tp : records.partitions()) {
      for (ConsumerRecord<String, String> r : records.records(tp)) {
        if (!running) return;
        if (!applyOne(r)) {
          // not applied: rewind to this record (first, so nothing is skipped whatever fails next), store and commit
          // what was done, and try again later
          consumer.seek(tp, r.offset());
          rewindOthers(records, tp, commits);
          handler.flush();
          if (!commits.isEmpty()) consumer.commitSync(commits);
          pause();
          return;
        }
        commits.put(tp, new OffsetAndMetadata(r.offset() + 1));
      }
    }
    try {
      handler.flush();
    } catch (RuntimeException e) { // not stored: the whole poll is delivered again (applying it twice is harmless)
      for (TopicPartition tp : records.partitions()) consumer.seek(tp, records.records(tp).get(0).offset());
      throw e;
    }
    if (!commits.isEmpty()) consumer.commitSync(commits);
  }

  private void rewindOthers(ConsumerRecords<String, String> records, TopicPartition failed, Map<TopicPartition, OffsetAndMetadata> commits) {
    for (TopicPartition tp : records.partitions()) {
      if (tp.equals(failed)) continue;
      OffsetAndMetadata done = commits.get(tp);
      long first = records.records(tp).get(0).offset();
      consumer.seek(tp, done == null ? first : done.offset());
    }
  }

  private boolean applyOne(ConsumerRecord<String, String> r) {
    if (isWatermark(r)) {
      try {
        handler.watermark(r.topic(), codec.decodeWatermark(r.value()));
      } catch (EventCodec.PoisonEvent e) { // a control record: skipped, never a dead letter
        log.warn("unreadable watermark at {}-{}@{} skipped: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
      } catch (RuntimeException e) {
        log.warn("handling the watermark at {}-{}@{} failed: {}", r.topic(), r.partition(), r.offset(), e.toString());
      }
      return true;
    }
    ReceivedEvent event;
    try {
      event = new ReceivedEvent(r.topic(), r.partition(), r.offset(), codec.decode(r.value()), headers(r));
    } catch (EventCodec.PoisonEvent e) {
      log.warn("poison event at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
      handler.poison(r, e.getMessage());
      return true;
    }
    try (EventLogContext ignored = EventLogContext.of(event.headers())) {
      handler.apply(event);
      applied++;
      return true;
    } catch (EventCodec.PoisonEvent e) {
      log.warn("event {} refused as poison: {}", event.envelope().eventId(), e.getMessage());
      handler.poison(r, e.getMessage());
      return true;
    } catch (RuntimeException e) {
      log.warn("applying event {} failed, will retry: {}", event.envelope().eventId(), e.toString());
      return false;
    }
  }

  private static boolean isWatermark(ConsumerRecord<String, String> r) {
    Header h = r.headers().lastHeader(village.events.Watermark.HEADER);
    return h != null && h.value() != null
        && village.events.Watermark.TYPE.equals(new String(h.value(), StandardCharsets.UTF_8));
  }

  private static Map<String, String> headers(ConsumerRecord<String, String> r) {
    Map<String, String> h = new LinkedHashMap<>();
    for (Header header : r.headers()) {
      if (header.value() != null) h.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
    }
    return h;
  }

  private void updateLag(boolean force) {
    long now = System.currentTimeMillis();
    if (!force && now - lastLagCheck < 1000) return;
    lastLagCheck = now;
    var assignment = consumer.assignment();
    if (assignment.isEmpty()) return;
    try {
      Map<TopicPartition, Long> ends = consumer.endOffsets(assignment, Duration.ofSeconds(1));
      long total = 0;
      for (var e : ends.entrySet()) total += Math.max(0, e.getValue() - consumer.position(e.getKey(), Duration.ofSeconds(1)));
      lag = total;
    } catch (RuntimeException e) {
      log.debug("lag check failed: {}", e.toString());
    }
  }

  private void pause() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
