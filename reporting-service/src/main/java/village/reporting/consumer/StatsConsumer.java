package village.reporting.consumer;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import village.events.Topics;
import village.messaging.EventHandler;
import village.messaging.EventStream;
import village.messaging.KafkaSettings;
import village.messaging.ReceivedEvent;
import village.reporting.freshness.Freshness;
import village.reporting.readmodel.ProjectionStore;
import village.reporting.readmodel.ReadModel;
import village.support.config.VillageProperties;

/**
 * Feeds the read model from the three topics (one consumer group; an offset is committed only after its event's
 * change is stored): each event is planned against the in-memory model, its aggregate's new record written to
 * {@code projections}, then applied in memory. On start-up the model is loaded from {@code projections} first.
 * {@link #rebuild()} drops everything and replays every topic from offset 0: it stops the consumer and starts a new
 * consumer group generation ({@code reporting-service-g<N>}, N kept in {@code meta}) which has no committed offsets
 * and so reads each topic from its start — whether or not partitions were assigned when the rebuild was asked for.
 */
@Component
public class StatsConsumer implements SmartLifecycle, EventHandler {
  private static final Logger log = LoggerFactory.getLogger(StatsConsumer.class);

  private final ReadModel model = new ReadModel();
  private final java.util.Map<String, ReadModel.Change> pending = new java.util.LinkedHashMap<>();
  private final ProjectionStore store;
  private final DeadLetters deadLetters;
  private final VillageProperties props;
  private final String baseGroup;
  private final com.mongodb.client.MongoCollection<org.bson.Document> meta;
  private final Clock clock;
  private final Timer latency;
  private volatile EventStream stream;
  private volatile Instant lastOccurredAt;
  private volatile boolean running;
  private final Freshness freshness;

  StatsConsumer(MongoDatabase db, DeadLetters deadLetters, VillageProperties props, MeterRegistry meters, Clock clock,
      @Value("${village.reporting.consumer-group:reporting-service}") String group, Freshness freshness) {
    this.freshness = freshness;
    this.store = new ProjectionStore(db);
    this.deadLetters = deadLetters;
    this.props = props;
    this.clock = clock;
    this.baseGroup = props.kafka().topicPrefix() + group;
    this.meta = db.getCollection("meta");
    this.latency = Timer.builder("village.stats.apply.latency")
        .description("From an event's occurredAt (its commit in the write service) to its being applied here")
        .publishPercentiles(0.5, 0.99).register(meters);
  }

  public ReadModel model() {
    return model;
  }

  /** Messages not yet consumed across the topics' partitions; -1 until known. */
  public long lag() {
    EventStream s = stream;
    return s == null ? -1 : s.lag();
  }

  /** The time up to which every acknowledged write is included (the write services' watermarks: {@link Freshness}). */
  public Instant asOf() {
    return freshness.asOf();
  }

  /** Drops the read model and replays every topic from offset 0 (in the background; returns at once). */
  public void rebuild() {
    log.info("Rebuild requested: dropping the read model and replaying every topic from offset 0");
    Thread t = new Thread(this::rebuildNow, "stats-rebuild");
    t.setDaemon(true);
    t.start();
  }

  private synchronized void rebuildNow() {
    if (stream != null) stream.close();
    synchronized (pending) {
      pending.clear();
    }
    model.clear();
    freshness.reset();
    store.drop();
    long generation = generation() + 1;
    meta.replaceOne(com.mongodb.client.model.Filters.eq("_id", "consumer"),
        new org.bson.Document("_id", "consumer").append("generation", generation),
        new com.mongodb.client.model.ReplaceOptions().upsert(true));
    startStream();
    log.info("Rebuild: consumer group generation {} reads every topic from the start", generation);
  }

  private long generation() {
    org.bson.Document d = meta.find(com.mongodb.client.model.Filters.eq("_id", "consumer")).first();
    return d == null ? 0 : ((Number) d.get("generation")).longValue();
  }

  private void startStream() {
    long generation = generation();
    String group = generation == 0 ? baseGroup : baseGroup + "-g" + generation;
    Properties p = KafkaSettings.consumer(props.kafka().bootstrapServers(), group, "reporting-service");
    List<String> topics = Topics.all().stream().map(t -> Topics.named(props.kafka().topicPrefix(), t)).toList();
    stream = new EventStream(p, topics, this);
    stream.start();
  }

  /**
   * Applies the event to the read model at once (queries see it) and queues its record; {@link #flush} stores the
   * poll's records in one bulk write before the offsets are committed. A crash before that replays them from the last
   * committed offset. One round trip per event limited the consumer to a few hundred events a second while the write
   * services kept Mongo busy (freshness at 200 writes/s: p50 1.5 s, the backlog growing).
   */
  @Override
  public void apply(ReceivedEvent event) {
    var change = model.plan(event.envelope());
    if (change.isPresent()) {
      model.commit(change.get());
      synchronized (pending) {
        pending.put(change.get().key(), change.get()); // the later change of a key supersedes (sequence-guarded)
      }
    }
    Instant occurred = event.envelope().occurredAt();
    if (occurred != null) {
      lastOccurredAt = occurred;
      latency.record(Duration.between(occurred, clock.instant()).abs());
    }
  }

  @Override
  public void flush() {
    List<ReadModel.Change> batch;
    synchronized (pending) {
      if (pending.isEmpty()) return;
      batch = List.copyOf(pending.values());
    }
    store.saveAll(batch); // throws: stays pending, offsets stay uncommitted, the next flush writes it
    synchronized (pending) {
      for (ReadModel.Change c : batch) pending.remove(c.key(), c);
    }
  }

  /** Freshness hook: every event before the watermark on its partition has been applied. */
  @Override
  public void watermark(String topic, village.events.Watermark watermark) {
    freshness.watermark(topic, watermark);
  }

  @Override
  public void poison(ConsumerRecord<String, String> record, String reason) {
    deadLetters.add(record, reason);
  }

  @Override
  public synchronized void start() {
    int loaded = store.loadInto(model);
    log.info("Read model loaded: {} aggregates", loaded);
    startStream();
    running = true;
  }

  @Override
  public synchronized void stop() {
    if (stream != null) stream.close();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
