package village.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.bson.Document;
import village.events.Topics;
import village.events.partnership.NeedResolved;
import village.messaging.EventCodec;
import village.messaging.KafkaSettings;
import village.messaging.Outbox;
import village.messaging.OutboxEntry;
import village.messaging.OutboxRelay;

/**
 * The cost of the outbox: inserting an aggregate document with its event in the {@code outbox} array and handing it
 * to the running relay (which publishes to Kafka and then removes the entry — a second write), against inserting the
 * same document plainly. The outbox figure is sustained: its clock stops when every event has been published and
 * removed, not when the inserts returned. 8 writer threads against the system's Mongo; the two alternate, twice each, and the better
 * run of each counts.
 */
final class OutboxCost {
  private static final int WRITERS = 8;
  private static final int DOCUMENTS = 4000;

  private final Api api;
  private final Report report;

  OutboxCost(Api api, Report report) {
    this.api = api;
    this.report = report;
  }

  void run() {
    String mongoUri = "mongodb://127.0.0.1:" + api.system.port("MONGO_PORT");
    try (MongoClient client = MongoClients.create(mongoUri);
         KafkaProducer<String, String> producer = new KafkaProducer<>(
             KafkaSettings.producer("127.0.0.1:" + api.system.port("KAFKA_PORT"), "bench-outbox"))) {
      MongoDatabase db = client.getDatabase("bench_outbox");
      db.drop();
      Outbox outbox = new Outbox(new EventCodec(), "bench.", Clock.systemUTC());
      OutboxRelay relay = new OutboxRelay(db, producer).watch("with_outbox");
      relay.start();
      double plain = 0;
      double withOutbox = 0;
      double insertsOnly = 0;
      for (int round = 0; round < 2; round++) {
        plain = Math.max(plain, rate(db.getCollection("plain"), null, null, outbox)[0]);
        double[] r = rate(db.getCollection("with_outbox"), relay, "with_outbox", outbox);
        withOutbox = Math.max(withOutbox, r[0]);
        insertsOnly = Math.max(insertsOnly, r[1]);
      }
      relay.close();
      System.out.printf("    plain %.0f/s, with outbox %.0f/s (published %d)%n", plain, withOutbox, relay.publishedCount());
      report.add("5", "insert: plain / entity + outbox", Report.perSecond(plain) + " / " + Report.perSecond(withOutbox), "", null);
      report.add("5", "entity + outbox vs plain insert (sustained: published and removed)", Report.ratio(withOutbox / plain),
          "≥ 0.5×", withOutbox / plain >= 0.5);
      report.info("5", "  the same, counting only the writes' own insert (relay behind)", Report.ratio(insertsOnly / plain));
    }
  }

  /** {sustained rate, rate of the inserts alone} in documents per second. */
  private static double[] rate(MongoCollection<Document> collection, OutboxRelay relay, String name, Outbox outbox) {
    return rate(collection, relay, name, outbox, WRITERS, DOCUMENTS);
  }

  /** {sustained rate, rate of the inserts alone} in documents per second, {@code documents} by {@code writers} threads. */
  static double[] rate(MongoCollection<Document> collection, OutboxRelay relay, String name, Outbox outbox,
      int writers, int documents) {
    AtomicLong next = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int w = 0; w < writers; w++) {
      Thread t = new Thread(() -> {
        long i;
        while ((i = next.getAndIncrement()) < documents) {
          String id = UUID.randomUUID().toString();
          Document doc = new Document("_id", id).append("villageCode", Api.village(i)).append("category", "OTHER")
              .append("title", "bench need " + i).append("status", "RESOLVED").append("version", 2L)
              .append("history", List.of(new Document("at", "2023-06-01T00:00:00Z").append("actor", "bench")
                  .append("action", "RESOLVED")));
          if (relay != null) {
            OutboxEntry e = outbox.entry(Topics.PARTNERSHIPS, new NeedResolved(id, Api.village(i), "p-1",
                LocalDate.of(2023, 6, 1)), 2, "bench", Map.of());
            doc.append(Outbox.FIELD, Outbox.initial(e));
            collection.insertOne(doc);
            relay.publishSoon(name, id);
          } else {
            collection.insertOne(doc);
          }
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    double inserted = documents / ((System.nanoTime() - t0) / 1e9);
    if (relay != null) { // sustained: until every event is published and removed from its document
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (relay.backlog() > 0 && System.nanoTime() < deadline) Load.sleepNanos(1_000_000);
      // the last batch leaves the queue before its entries are removed: done when no document has one left
      while (collection.countDocuments(com.mongodb.client.model.Filters.exists(Outbox.FIELD + ".0")) > 0
          && System.nanoTime() < deadline) {
        Load.sleepNanos(2_000_000);
      }
    }
    return new double[] {documents / ((System.nanoTime() - t0) / 1e9), inserted};
  }
}
