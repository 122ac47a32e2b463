package village.messaging;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the events waiting in aggregates' {@code outbox} arrays, then removes them.
 *
 * <p>The write path calls {@link #publishSoon} with the aggregate's id right after its document write, so an
 * event leaves within milliseconds without any polling. A sweep at start-up and every {@code sweepInterval} picks
 * up whatever a crash or a Kafka outage left behind. Events are removed only after Kafka acknowledged them
 * (idempotent producer, acks=all), so a crash between the two republishes — consumers de-duplicate by sequence.
 * One worker thread keeps one aggregate's events in order. Kafka being down never fails a write: the events stay
 * in the outbox and are retried with back-off.
 */
public final class OutboxRelay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  /** Tuning. */
  public record Settings(Duration sweepInterval, Duration sendTimeout, Duration maxBackoff, int maxBatch) {
    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(5), 500);
    }
  }

  /** Observes the relay; tests use it to simulate a crash between publishing and removing. */
  public interface Listener {
    /** Called after Kafka acknowledged the entries and before they are removed from the outbox. */
    default void published(String collection, Object id, List<OutboxEntry> entries) {}
  }

  private record Key(String collection, Object id) {}

  private final MongoDatabase database;
  private final Producer<String, String> producer;
  private final Settings settings;
  private final Listener listener;
  private final Set<String> collections = new CopyOnWriteArraySet<>();
  private final LinkedBlockingQueue<Key> queue = new LinkedBlockingQueue<>();
  private final Set<Key> queued = ConcurrentHashMap.newKeySet();
  private final Map<Key, Integer> failures = new ConcurrentHashMap<>();
  private final AtomicLong publishedCount = new AtomicLong();
  private final ScheduledExecutorService scheduler;
  private final Thread worker;
  private volatile boolean running;
  private volatile boolean kafkaHealthy = true;

  public OutboxRelay(MongoDatabase database, Producer<String, String> producer, Settings settings, Listener listener) {
    this.database = database;
    this.producer = producer;
    this.settings = settings;
    this.listener = listener == null ? new Listener() {} : listener;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "outbox-sweep"));
    this.worker = daemon(this::work, "outbox-relay");
  }

  public OutboxRelay(MongoDatabase database, Producer<String, String> producer) {
    this(database, producer, Settings.defaults(), null);
  }

  /** Adds a collection whose documents carry an outbox; it is swept for leftovers. */
  public OutboxRelay watch(String collection) {
    collections.add(collection);
    return this;
  }

  /** Starts the worker and the periodic sweep (the first sweep runs at once). */
  public synchronized void start() {
    if (running) return;
    running = true;
    worker.start();
    scheduler.scheduleWithFixedDelay(this::sweepQuietly, 0, settings.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The fast path: the write path hands over the id of the aggregate it just wrote. */
  public void publishSoon(String collection, Object id) {
    enqueue(new Key(collection, id));
  }

  /** Queues every document of the watched collections that still has pending events; returns how many. */
  public int sweep() {
    int found = 0;
    for (String c : collections) {
      for (Document d : database.getCollection(c).find(exists(Outbox.FIELD + ".0")).projection(include("_id"))) {
        enqueue(new Key(c, d.get("_id")));
        found++;
      }
    }
    return found;
  }

  /** Aggregates waiting to be published (queued or backing off). */
  public int backlog() {
    return queued.size() + failures.size();
  }

  public long publishedCount() {
    return publishedCount.get();
  }

  /** False after a publish failed, until one succeeds again. */
  public boolean kafkaHealthy() {
    return kafkaHealthy;
  }

  private void enqueue(Key key) {
    if (queued.add(key)) queue.add(key);
  }

  private void sweepQuietly() {
    try {
      int n = sweep();
      if (n > 0) log.info("outbox sweep found {} aggregate(s) with pending events", n);
    } catch (RuntimeException e) {
      log.warn("outbox sweep failed: {}", e.toString());
    }
  }

  private void work() {
    List<Key> batch = new ArrayList<>();
    while (running) {
      try {
        Key first = queue.poll(500, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch.clear();
        batch.add(first);
        queue.drainTo(batch, settings.maxBatch() - 1);
        batch.forEach(queued::remove); // a write arriving now queues the aggregate again
        publish(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("outbox relay round failed: {}", e.toString());
        batch.forEach(this::retryLater);
      }
    }
  }

  private void publish(List<Key> batch) {
    Map<Key, List<OutboxEntry>> pending = load(batch);
    Map<Key, List<Future<RecordMetadata>>> sends = new LinkedHashMap<>();
    pending.forEach((key, entries) -> sends.put(key, entries.stream().map(this::send).toList()));
    // the acknowledged entries of the whole batch are removed with one bulk write per collection, not one update each
    Map<String, List<WriteModel<Document>>> removals = new LinkedHashMap<>();
    pending.forEach((key, entries) -> {
      List<Future<RecordMetadata>> futures = sends.get(key);
      int acknowledged = 0;
      for (Future<RecordMetadata> f : futures) {
        if (!acknowledged(f)) break; // keep order: only a published prefix is removed
        acknowledged++;
      }
      if (acknowledged > 0) {
        List<OutboxEntry> done = entries.subList(0, acknowledged);
        listener.published(key.collection(), key.id(), done);
        removals.computeIfAbsent(key.collection(), c -> new ArrayList<>()).add(new UpdateOneModel<>(eq("_id", key.id()),
            Updates.pullByFilter(new Document(Outbox.FIELD,
                new Document("eventId", new Document("$in", done.stream().map(OutboxEntry::eventId).toList()))))));
        publishedCount.addAndGet(acknowledged);
      }
      if (acknowledged < entries.size()) {
        retryLater(key);
      } else {
        failures.remove(key);
      }
    });
    removals.forEach((collection, updates) ->
        database.getCollection(collection).bulkWrite(updates, new BulkWriteOptions().ordered(false)));
  }

  private Map<Key, List<OutboxEntry>> load(List<Key> batch) {
    Map<Key, List<OutboxEntry>> pending = new LinkedHashMap<>();
    Map<String, List<Key>> byCollection = new LinkedHashMap<>();
    for (Key k : batch) byCollection.computeIfAbsent(k.collection(), c -> new ArrayList<>()).add(k);
    byCollection.forEach((collection, keys) -> {
      List<Object> ids = keys.stream().map(Key::id).toList();
      var found = ids.size() == 1
          ? database.getCollection(collection).find(eq("_id", ids.get(0)))
          : database.getCollection(collection).find(in("_id", ids));
      for (Document d : found.projection(include(Outbox.FIELD))) {
        List<Document> outbox = d.getList(Outbox.FIELD, Document.class);
        if (outbox == null || outbox.isEmpty()) continue;
        List<OutboxEntry> entries = outbox.stream().map(OutboxEntry::fromDocument).toList();
        pending.put(new Key(collection, d.get("_id")), entries);
      }
    });
    return pending;
  }

  private Future<RecordMetadata> send(OutboxEntry e) {
    ProducerRecord<String, String> record = new ProducerRecord<>(e.topic(), e.key(), e.payload());
    e.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    try {
      return producer.send(record);
    } catch (RuntimeException ex) { // e.g. metadata not available within max.block.ms
      return java.util.concurrent.CompletableFuture.failedFuture(ex);
    }
  }

  private boolean acknowledged(Future<RecordMetadata> f) {
    try {
      f.get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
      if (!kafkaHealthy) log.info("Kafka is reachable again; publishing the outbox backlog");
      kafkaHealthy = true;
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      if (kafkaHealthy) log.warn("publishing to Kafka failed, events stay in the outbox and are retried: {}", e.toString());
      kafkaHealthy = false;
      return false;
    }
  }

  private void retryLater(Key key) {
    int n = failures.merge(key, 1, Integer::sum);
    long delay = Math.min(settings.maxBackoff().toMillis(), 200L << Math.min(n, 10));
    if (!running) return;
    scheduler.schedule(() -> {
      failures.remove(key);
      enqueue(key);
    }, delay, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    running = false;
    scheduler.shutdownNow();
    worker.interrupt();
    try {
      worker.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
