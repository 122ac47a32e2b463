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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import village.events.Watermark;
import village.messaging.PublishHorizon.Ticket;

/**
 * Publishes the events waiting in aggregates' {@code outbox} arrays, then removes them.
 *
 * <p>The write path calls {@link #publishSoon} with the aggregate's id right after its document write, so an
 * event leaves within milliseconds without any polling. A sweep at start-up and every {@code sweepInterval} picks
 * up whatever a crash or a Kafka outage left behind. Events are removed only after Kafka acknowledged them
 * (idempotent producer, acks=all), so a crash between the two republishes — consumers de-duplicate by sequence.
 * One worker thread keeps one aggregate's events in order. Kafka being down never fails a write: the events stay
 * in the outbox and are retried with back-off.
 *
 * <p>Freshness: every write holds a {@link PublishHorizon} ticket from before its document write until Kafka
 * acknowledged its events (the write path opens it and hands it over with {@link #publishSoon(String, Object, List)};
 * a sweep opens one for each leftover). With {@link #withWatermarks} the relay sends a {@link Watermark} to every
 * partition of the service's topics every {@code interval} and soon after a published batch, carrying the horizon.
 * None is sent before the first sweep completed, so leftovers of a crash hold it back from the start.
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

  /**
   * Watermark publishing: who sends them ({@code service}, {@code instance}), to which topics (prefix applied), how
   * often, and how long a write may stay "in progress" without reaching the relay before its ticket is dropped
   * (a write that failed where its caller did not say so).
   */
  public record WatermarkSettings(String service, String instance, List<String> topics, Duration interval, Duration inFlightLimit) {
    public WatermarkSettings {
      topics = List.copyOf(topics);
    }
  }

  /** The last watermark this instance sent and the last one Kafka acknowledged (for the backlog endpoint). */
  public record WatermarkStatus(Instant lastSentUpTo, Instant lastSentAt, Instant lastAcknowledgedUpTo, Instant lastAcknowledgedAt) {}

  private record Key(String collection, Object id) {}

  private final MongoDatabase database;
  private final Producer<String, String> producer;
  private final Settings settings;
  private final Listener listener;
  private final Set<String> collections = new CopyOnWriteArraySet<>();
  private final LinkedBlockingQueue<Key> queue = new LinkedBlockingQueue<>();
  private final Set<Key> queued = ConcurrentHashMap.newKeySet();
  /** Consecutive failed rounds per aggregate; cleared only once every event of it is on Kafka, so back-off grows. */
  private final Map<Key, Integer> failures = new ConcurrentHashMap<>();
  private final Set<Key> backingOff = ConcurrentHashMap.newKeySet();
  private final AtomicLong publishedCount = new AtomicLong();
  private final ScheduledExecutorService scheduler;
  private final Thread worker;
  private volatile boolean running;
  private volatile boolean kafkaHealthy = true;
  private final Clock clock;
  private final PublishHorizon horizon;
  private final EventCodec codec = new EventCodec();
  private final Map<Key, List<Ticket>> tickets = new ConcurrentHashMap<>();
  private final ScheduledExecutorService watermarkScheduler;
  private final AtomicBoolean watermarkSoon = new AtomicBoolean();
  private volatile WatermarkSettings watermarks;
  private volatile boolean swept;
  private volatile long lastWatermarkAt;
  private long watermarkSequence;
  private volatile WatermarkStatus watermarkStatus = new WatermarkStatus(null, null, null, null);

  public OutboxRelay(MongoDatabase database, Producer<String, String> producer, Settings settings, Listener listener, Clock clock) {
    this.database = database;
    this.producer = producer;
    this.settings = settings;
    this.listener = listener == null ? new Listener() {} : listener;
    this.clock = clock == null ? Clock.systemUTC() : clock;
    this.horizon = new PublishHorizon(this.clock);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "outbox-sweep"));
    this.watermarkScheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "outbox-watermark"));
    this.worker = daemon(this::work, "outbox-relay");
  }

  public OutboxRelay(MongoDatabase database, Producer<String, String> producer, Settings settings, Listener listener) {
    this(database, producer, settings, listener, Clock.systemUTC());
  }

  public OutboxRelay(MongoDatabase database, Producer<String, String> producer) {
    this(database, producer, Settings.defaults(), null);
  }

  /** Adds a collection whose documents carry an outbox; it is swept for leftovers. */
  public OutboxRelay watch(String collection) {
    collections.add(collection);
    return this;
  }

  /** Sends watermarks (call before {@link #start}); without this call the relay sends none. */
  public OutboxRelay withWatermarks(WatermarkSettings watermarks) {
    this.watermarks = watermarks;
    return this;
  }

  /** Starts the worker, the periodic sweep (the first sweep runs at once) and the watermarks. */
  public synchronized void start() {
    if (running) return;
    running = true;
    worker.start();
    scheduler.scheduleWithFixedDelay(this::sweepQuietly, 0, settings.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
    WatermarkSettings w = watermarks;
    if (w != null && !w.topics().isEmpty()) {
      watermarkScheduler.scheduleWithFixedDelay(this::watermarkQuietly, w.interval().toMillis(), w.interval().toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /** The write path's clock of waiting writes: open a ticket before the document write, hand it over after. */
  public PublishHorizon horizon() {
    return horizon;
  }

  /** The fast path: the write path hands over the id of the aggregate it just wrote. */
  public void publishSoon(String collection, Object id) {
    enqueue(new Key(collection, id));
  }

  /**
   * The fast path with the tickets of the writes that produced the pending events: they hold the horizon back until
   * Kafka acknowledged the events (the ticket is attached before the aggregate is queued, so the round that loads the
   * document also owns the ticket, or a later one does).
   */
  public void publishSoon(String collection, Object id, List<Ticket> writes) {
    Key key = new Key(collection, id);
    attach(key, writes);
    enqueue(key);
  }

  /** Queues every document of the watched collections that still has pending events; returns how many. */
  public int sweep() {
    int found = 0;
    for (String c : collections) {
      for (Document d : database.getCollection(c).find(exists(Outbox.FIELD + ".0")).projection(include("_id", Outbox.FIELD))) {
        Key key = new Key(c, d.get("_id"));
        attach(key, List.of(horizon.openAt(oldestEvent(d))));
        enqueue(key);
        found++;
      }
    }
    swept = true; // every leftover now holds a ticket: watermarks may start
    return found;
  }

  /** Has the first sweep completed (no watermark is sent before: leftovers must hold it back first)? */
  public boolean sweptOnce() {
    return swept;
  }

  public WatermarkStatus watermarkStatus() {
    return watermarkStatus;
  }

  /** Sends a watermark to every partition of the topics now (the periodic cycle calls it); false when not yet allowed. */
  public boolean sendWatermark() {
    WatermarkSettings w = watermarks;
    if (w == null || !swept) return false;
    synchronized (watermarkScheduler) {
      for (Ticket t : horizon.expireInFlight(w.inFlightLimit())) {
        log.warn("a write's {} never reached the relay within {}; it no longer holds the watermark back", t, w.inFlightLimit());
      }
      Instant upTo = horizon.horizon();
      int waiting = horizon.waiting();
      Instant oldest = horizon.oldestWaitingSince().orElse(null);
      Instant sentAt = clock.instant();
      long sequence = ++watermarkSequence;
      lastWatermarkAt = System.nanoTime();
      WatermarkStatus before = watermarkStatus;
      watermarkStatus = new WatermarkStatus(upTo, sentAt, before.lastAcknowledgedUpTo(), before.lastAcknowledgedAt());
      for (String topic : w.topics()) {
        int partitions = producer.partitionsFor(topic).size(); // blocks up to max.block.ms while Kafka is unknown
        for (int p = 0; p < partitions; p++) {
          Watermark mark = Watermark.of(w.service(), w.instance(), p, partitions, upTo, sentAt, sequence, waiting, oldest);
          ProducerRecord<String, String> record = new ProducerRecord<>(topic, p, w.instance(), codec.encode(mark));
          record.headers().add(Watermark.HEADER, Watermark.TYPE.getBytes(StandardCharsets.UTF_8));
          producer.send(record, (meta, error) -> {
            if (error == null) acknowledged(upTo, sentAt);
          });
        }
      }
      return true;
    }
  }

  private synchronized void acknowledged(Instant upTo, Instant sentAt) {
    WatermarkStatus s = watermarkStatus;
    if (s.lastAcknowledgedAt() == null || sentAt.isAfter(s.lastAcknowledgedAt())) {
      watermarkStatus = new WatermarkStatus(s.lastSentUpTo(), s.lastSentAt(), upTo, sentAt);
    }
  }

  private void watermarkQuietly() {
    try {
      sendWatermark();
    } catch (RuntimeException e) {
      log.debug("watermark not sent: {}", e.toString());
    }
  }

  /** After a published batch: a watermark soon, at most four per interval. */
  private void watermarkAfterBatch() {
    WatermarkSettings w = watermarks;
    if (w == null || !running) return;
    if (System.nanoTime() - lastWatermarkAt < w.interval().toNanos() / 4) return;
    if (watermarkSoon.compareAndSet(false, true)) {
      try {
        watermarkScheduler.execute(() -> {
          watermarkSoon.set(false);
          watermarkQuietly();
        });
      } catch (RuntimeException e) { // shut down
        watermarkSoon.set(false);
      }
    }
  }

  private void attach(Key key, List<Ticket> writes) {
    if (writes == null || writes.isEmpty()) return;
    writes.forEach(Ticket::handedOff);
    tickets.merge(key, new ArrayList<>(writes), (a, b) -> {
      List<Ticket> all = new ArrayList<>(a);
      all.addAll(b);
      return all;
    });
  }

  private Instant oldestEvent(Document d) {
    Instant oldest = null;
    List<Document> outbox = d.getList(Outbox.FIELD, Document.class);
    for (Document e : outbox == null ? List.<Document>of() : outbox) {
      Instant at = codec.occurredAt(e.getString("payload")).orElse(Instant.EPOCH); // unknown: hold back as far as can be
      if (oldest == null || at.isBefore(oldest)) oldest = at;
    }
    return oldest == null ? Instant.EPOCH : oldest;
  }

  /** Aggregates waiting to be published (queued or backing off). */
  public int backlog() {
    return queued.size() + backingOff.size();
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
    Map<Key, List<Ticket>> taken = new LinkedHashMap<>();
    while (running) {
      try {
        Key first = queue.poll(500, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch.clear();
        batch.add(first);
        queue.drainTo(batch, settings.maxBatch() - 1);
        batch.forEach(queued::remove); // a write arriving now queues the aggregate again
        taken.clear();
        for (Key k : batch) { // after the dequeue: a ticket attached later comes with a new queue entry
          List<Ticket> t = tickets.remove(k);
          if (t != null) taken.put(k, t);
        }
        if (publish(batch, taken) > 0) watermarkAfterBatch();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("outbox relay round failed: {}", e.toString());
        taken.forEach(this::attach);
        batch.forEach(this::retryLater);
      }
    }
  }

  /** Publishes the batch's pending events; closes the tickets of aggregates with nothing left; returns how many were sent. */
  private int publish(List<Key> batch, Map<Key, List<Ticket>> taken) {
    Map<Key, List<OutboxEntry>> pending = load(batch);
    int[] published = {0};
    for (Key k : batch) {
      if (!pending.containsKey(k)) { // nothing pending: published already
        close(taken.remove(k));
        failures.remove(k);
      }
    }
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
        published[0] += acknowledged;
      }
      if (acknowledged < entries.size()) {
        attach(key, taken.remove(key)); // still waiting: the writes keep holding the horizon back
        retryLater(key);
      } else {
        close(taken.remove(key)); // every event of these writes is on Kafka
        failures.remove(key);
      }
    });
    removals.forEach((collection, updates) ->
        database.getCollection(collection).bulkWrite(updates, new BulkWriteOptions().ordered(false)));
    return published[0];
  }

  private void close(List<Ticket> writes) {
    if (writes != null) writes.forEach(horizon::close);
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
    if (!running) return;
    backingOff.add(key);
    scheduler.schedule(() -> {
      backingOff.remove(key);
      enqueue(key);
    }, RetryBackoff.delayMillis(n, settings.maxBackoff()), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    running = false;
    scheduler.shutdownNow();
    watermarkScheduler.shutdownNow();
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
