package village.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import village.devstack.RealInfrastructure;
import village.events.DomainEvent;
import village.events.EventEnvelope;
import village.events.Topics;
import village.events.partnership.NeedPosted;

/** The outbox against the real broker and mongo-java-server: nothing lost, republished after a crash, in order, fast. */
@ExtendWith(RealInfrastructure.class)
class OutboxRelayIT {
  private static final String COLLECTION = "needs";
  private static MongoClient mongo;
  private static MongoDatabase db;
  private static String prefix;
  private static Outbox outbox;
  private final EventCodec codec = new EventCodec();

  @BeforeAll
  static void connect() {
    Map<String, String> p = RealInfrastructure.properties(OutboxRelayIT.class);
    mongo = MongoClients.create(p.get("village.mongodb.uri"));
    db = mongo.getDatabase(p.get("village.mongodb.database"));
    prefix = p.get("village.kafka.topic-prefix");
    outbox = new Outbox(new EventCodec(), prefix, Clock.systemUTC());
    TopicProvisionerIT.create(prefix); // the broker creates no topics by itself
  }

  @AfterAll
  static void close() {
    mongo.close();
  }

  /** Never sweeps on its own during a test: delivery must come from the fast path (or an explicit sweep). */
  private static OutboxRelay relay(OutboxRelay.Listener listener) {
    var producer = new KafkaProducer<String, String>(KafkaSettings.producer(RealInfrastructure.kafkaBootstrapServers(), "test-relay"));
    var settings = new OutboxRelay.Settings(Duration.ofHours(1), Duration.ofSeconds(20), Duration.ofSeconds(1), 500);
    OutboxRelay relay = new OutboxRelay(db, producer, settings, listener).watch(COLLECTION);
    relay.start();
    return relay;
  }

  private static MongoCollection<Document> needs() {
    return db.getCollection(COLLECTION);
  }

  /** Creates an aggregate and its first event in one insert; returns the event id. */
  private String createNeed(String id) {
    OutboxEntry e = outbox.entry(Topics.PARTNERSHIPS, new NeedPosted(id, "CG001", "城关镇", "INDUSTRY", "灌溉水渠"), 1, "test", Map.of());
    needs().insertOne(new Document("_id", id).append("version", 1).append(Outbox.FIELD, Outbox.initial(e)));
    return e.eventId();
  }

  private static KafkaConsumer<String, String> consumer() {
    var c = new KafkaConsumer<String, String>(KafkaSettings.consumer(RealInfrastructure.kafkaBootstrapServers(), "it-" + UUID.randomUUID(), "it"));
    c.subscribe(List.of(Topics.named(prefix, Topics.PARTNERSHIPS)));
    return c;
  }

  private List<EventEnvelope<DomainEvent>> readFor(KafkaConsumer<String, String> c, List<EventEnvelope<DomainEvent>> into, java.util.function.Predicate<List<EventEnvelope<DomainEvent>>> done) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
      for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) into.add(codec.decode(r.value()));
      return done.test(into);
    });
    return into;
  }

  private static long pending() {
    return needs().countDocuments(Filters.exists(Outbox.FIELD + ".0"));
  }

  @Test
  void eventsWrittenWhileKafkaIsDownAreAllDeliveredWhenItReturns() throws Exception {
    Assumptions.assumeTrue(RealInfrastructure.embeddedKafka().isPresent(), "needs the embedded broker to stop it");
    var broker = RealInfrastructure.embeddedKafka().get();
    try (OutboxRelay relay = relay(null); KafkaConsumer<String, String> c = consumer()) {
      createNeed("warmup-" + UUID.randomUUID()); // topic exists and the producer has metadata before the outage
      relay.sweep();
      await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 0);

      broker.stop();
      List<String> written = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String id = "outage-" + i + "-" + UUID.randomUUID();
        written.add(createNeed(id)); // the write itself never fails
        relay.publishSoon(COLLECTION, id);
      }
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> pending() == 20);
      broker.start();

      await().atMost(Duration.ofSeconds(60)).until(() -> pending() == 0);
      List<EventEnvelope<DomainEvent>> got = readFor(c, new ArrayList<>(), l -> l.stream().map(e -> e.eventId().toString()).toList().containsAll(written));
      assertThat(got.stream().map(e -> e.eventId().toString())).containsAll(written);
    }
  }

  @Test
  void aRelayThatDiesBetweenPublishingAndRemovingRepublishesAndTheGuardAppliesEachEventOnce() {
    String id = "crash-" + UUID.randomUUID();
    String eventId = createNeed(id);
    AtomicBoolean crashed = new AtomicBoolean();
    OutboxRelay dying = relay(new OutboxRelay.Listener() {
      @Override public void published(String collection, Object aggregate, List<OutboxEntry> entries) {
        crashed.set(true);
        throw new IllegalStateException("simulated crash after publish, before remove");
      }
    });
    dying.publishSoon(COLLECTION, id);
    await().atMost(Duration.ofSeconds(30)).untilTrue(crashed);
    dying.close();
    assertThat(pending()).as("the entry is still in the outbox after the crash").isEqualTo(1);

    try (OutboxRelay restarted = relay(null); KafkaConsumer<String, String> c = consumer()) {
      assertThat(restarted.sweep()).isEqualTo(1);
      await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 0);

      List<EventEnvelope<DomainEvent>> copies = readFor(c, new ArrayList<>(),
          l -> l.stream().filter(e -> e.eventId().toString().equals(eventId)).count() >= 2);
      // a consumer applies an aggregate's event once per sequence (what reporting-service's read model does)
      java.util.Set<String> seen = new java.util.HashSet<>();
      Map<String, Integer> applied = new ConcurrentHashMap<>();
      for (var e : copies) {
        if (seen.add(e.aggregateId() + "#" + e.sequence())) applied.merge(e.eventId().toString(), 1, Integer::sum);
      }
      assertThat(copies.stream().filter(e -> e.eventId().toString().equals(eventId))).hasSizeGreaterThanOrEqualTo(2);
      assertThat(applied).containsEntry(eventId, 1);
    }
  }

  @Test
  void oneAggregatesEventsArriveInSequenceOrder() {
    String id = "ordered-" + UUID.randomUUID();
    try (OutboxRelay relay = relay(null); KafkaConsumer<String, String> c = consumer()) {
      createNeed(id);
      relay.publishSoon(COLLECTION, id);
      for (long seq = 2; seq <= 60; seq++) {
        OutboxEntry e = outbox.entry(Topics.PARTNERSHIPS, new NeedPosted(id, "CG001", "城关镇", "INDUSTRY", "t" + seq), seq, "test", Map.of());
        needs().updateOne(Filters.eq("_id", id), Updates.combine(Updates.inc("version", 1), Outbox.append(e)));
        relay.publishSoon(COLLECTION, id);
      }
      List<EventEnvelope<DomainEvent>> got = readFor(c, new ArrayList<>(),
          l -> l.stream().filter(e -> e.aggregateId().equals(id)).map(EventEnvelope::sequence).distinct().count() == 60);
      List<Long> sequences = got.stream().filter(e -> e.aggregateId().equals(id)).map(EventEnvelope::sequence).toList();
      List<Long> firstSeen = sequences.stream().distinct().toList();
      assertThat(firstSeen).isSorted().hasSize(60).startsWith(1L, 2L, 3L).endsWith(60L);
    }
  }

  @Test
  void theFastPathPicksUpAWriteWithinMillisecondsWithoutPolling() {
    try (OutboxRelay relay = relay(null); KafkaConsumer<String, String> c = consumer()) {
      createNeed("warm-" + UUID.randomUUID());
      relay.sweep();
      readFor(c, new ArrayList<>(), l -> !l.isEmpty());
      List<Long> micros = Collections.synchronizedList(new ArrayList<>());
      for (int i = 0; i < 100; i++) {
        String id = "latency-" + i + "-" + UUID.randomUUID();
        long t0 = System.nanoTime();
        createNeed(id);
        relay.publishSoon(COLLECTION, id);
        readFor(c, new ArrayList<>(), l -> l.stream().anyMatch(e -> e.aggregateId().equals(id)));
        micros.add((System.nanoTime() - t0) / 1000);
      }
      List<Long> sorted = micros.stream().sorted().toList();
      System.out.printf("outbox write -> consumed (idle, 100 writes): p50 %.1f ms, p90 %.1f ms, max %.1f ms%n",
          sorted.get(49) / 1000.0, sorted.get(89) / 1000.0, sorted.get(99) / 1000.0);
      // the sweep interval is one hour here, so every one of these arrived through the fast path
      assertThat(sorted).hasSize(100);
    }
  }
}
