package village.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import village.devstack.RealInfrastructure;
import village.events.Topics;
import village.events.Watermark;
import village.events.partnership.NeedPosted;

/** The relay's watermarks on the real broker: on every partition, after the events they cover, held back by leftovers. */
@ExtendWith(RealInfrastructure.class)
class OutboxWatermarkIT {
  private static MongoClient mongo;
  private static MongoDatabase db;
  private static String topic;
  private static Outbox outbox;
  private final EventCodec codec = new EventCodec();

  @BeforeAll
  static void connect() {
    Map<String, String> p = RealInfrastructure.properties(OutboxWatermarkIT.class);
    mongo = MongoClients.create(p.get("village.mongodb.uri"));
    db = mongo.getDatabase(p.get("village.mongodb.database"));
    topic = Topics.named(p.get("village.kafka.topic-prefix"), Topics.PARTNERSHIPS);
    outbox = new Outbox(new EventCodec(), p.get("village.kafka.topic-prefix"), Clock.systemUTC());
    TopicProvisionerIT.create(p.get("village.kafka.topic-prefix")); // the broker creates no topics by itself
  }

  @AfterAll
  static void close() {
    mongo.close();
  }

  private static OutboxRelay relay(String collection, String instance, OutboxRelay.Listener listener) {
    var producer = new KafkaProducer<String, String>(KafkaSettings.producer(RealInfrastructure.kafkaBootstrapServers(), instance));
    var settings = new OutboxRelay.Settings(Duration.ofHours(1), Duration.ofSeconds(20), Duration.ofMillis(300), 500);
    OutboxRelay relay = new OutboxRelay(db, producer, settings, listener, Clock.systemUTC()).watch(collection)
        .withWatermarks(new OutboxRelay.WatermarkSettings("partnership-service", instance, List.of(topic),
            Duration.ofMillis(200), Duration.ofSeconds(30)));
    relay.start();
    return relay;
  }

  private static OutboxEntry entry(String id) {
    return outbox.entry(Topics.PARTNERSHIPS, new NeedPosted(id, "CG001", "城关镇", "INDUSTRY", "灌溉水渠"), 1, "test", Map.of());
  }

  /** Everything on the topic so far, per partition in offset order. */
  private static final class Log {
    final KafkaConsumer<String, String> consumer;
    final Map<Integer, List<ConsumerRecord<String, String>>> byPartition = new HashMap<>();

    Log() {
      consumer = new KafkaConsumer<>(KafkaSettings.consumer(RealInfrastructure.kafkaBootstrapServers(), "wm-" + UUID.randomUUID(), "wm"));
      consumer.subscribe(List.of(topic));
    }

    void poll() {
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
        byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r);
      }
    }
  }

  private static boolean isWatermark(ConsumerRecord<String, String> r) {
    Header h = r.headers().lastHeader(Watermark.HEADER);
    return h != null && Watermark.TYPE.equals(new String(h.value(), StandardCharsets.UTF_8));
  }

  private List<Watermark> watermarks(Log log, int partition, String instance) {
    return log.byPartition.getOrDefault(partition, List.of()).stream().filter(OutboxWatermarkIT::isWatermark)
        .map(r -> codec.decodeWatermark(r.value())).filter(w -> w.instance().equals(instance)).toList();
  }

  @Test
  void everyPartitionGetsWatermarksThatNeverPassAnEventStillToCome() {
    String collection = "wm-" + UUID.randomUUID();
    String instance = "i-" + UUID.randomUUID();
    Map<String, Instant> startOf = new HashMap<>();
    Instant lastStart;
    try (OutboxRelay relay = relay(collection, instance, null)) {
      Log log = new Log();
      Instant last = null;
      for (int i = 0; i < 30; i++) {
        String id = "n" + i + "-" + UUID.randomUUID();
        PublishHorizon.Ticket t = relay.horizon().open();
        OutboxEntry e = entry(id);
        db.getCollection(collection).insertOne(new Document("_id", id).append(Outbox.FIELD, Outbox.initial(e)));
        relay.publishSoon(collection, id, List.of(t));
        startOf.put(e.eventId(), t.since());
        last = t.since();
      }
      lastStart = last;
      int partitions = 3; // the test broker's num.partitions
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
        log.poll();
        for (int p = 0; p < partitions; p++) {
          if (watermarks(log, p, instance).stream().noneMatch(w -> w.upTo().isAfter(lastStart))) return false;
        }
        return true;
      });
      log.consumer.close();

      int events = 0;
      for (int p = 0; p < partitions; p++) {
        Instant promised = Instant.EPOCH; // the latest watermark's upTo seen so far on this partition
        for (ConsumerRecord<String, String> r : log.byPartition.getOrDefault(p, List.of())) {
          if (isWatermark(r)) {
            Watermark w = codec.decodeWatermark(r.value());
            if (!w.instance().equals(instance)) continue;
            assertThat(w.partition()).isEqualTo(p);
            assertThat(w.partitions()).isEqualTo(3);
            assertThat(w.service()).isEqualTo("partnership-service");
            promised = w.upTo();
            continue;
          }
          Instant start = startOf.get(codec.decode(r.value()).eventId().toString());
          if (start == null) continue;
          events++;
          assertThat(promised).as("a watermark before the event of a write started at %s", start).isBeforeOrEqualTo(start);
        }
      }
      assertThat(events).isGreaterThanOrEqualTo(30);
    }
  }

  @Test
  void aLeftoverHoldsTheWatermarksBackFromTheFirstUntilItIsPublished() {
    String collection = "wm-" + UUID.randomUUID();
    String instance = "i-" + UUID.randomUUID();
    String id = "leftover-" + UUID.randomUUID();
    OutboxEntry leftover = entry(id); // left by a crashed instance: no ticket, only the document
    db.getCollection(collection).insertOne(new Document("_id", id).append(Outbox.FIELD, Outbox.initial(leftover)));
    Instant occurred = codec.decode(leftover.payload()).occurredAt();
    AtomicBoolean stuck = new AtomicBoolean(true);
    OutboxRelay.Listener failsWhileStuck = new OutboxRelay.Listener() {
      @Override public void published(String c, Object aggregate, List<OutboxEntry> entries) {
        if (stuck.get()) throw new IllegalStateException("simulated: the relay cannot finish this aggregate");
      }
    };
    try (OutboxRelay relay = relay(collection, instance, failsWhileStuck)) {
      Log log = new Log();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
        log.poll();
        return watermarks(log, 0, instance).size() >= 5 && watermarks(log, 1, instance).size() >= 5
            && watermarks(log, 2, instance).size() >= 5;
      });
      for (int p = 0; p < 3; p++) {
        assertThat(watermarks(log, p, instance)).allSatisfy(w -> {
          assertThat(w.upTo()).isBeforeOrEqualTo(occurred);
          assertThat(w.waitingEvents()).isGreaterThanOrEqualTo(1);
        });
      }

      stuck.set(false);
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
        log.poll();
        for (int p = 0; p < 3; p++) {
          if (watermarks(log, p, instance).stream().noneMatch(w -> w.upTo().isAfter(occurred))) return false;
        }
        return true;
      });
      log.consumer.close();
    }
  }
}
