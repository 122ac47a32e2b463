package village.reporting.consumer;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import village.messaging.EventCodec;
import village.messaging.EventCodec.PoisonEvent;
import village.events.Watermark;
import village.messaging.EventHandler;
import village.reporting.freshness.SourceWatermarks;
import village.messaging.EventStream;
import village.messaging.ReceivedEvent;
import village.reporting.readmodel.ProjectionStore;
import village.reporting.readmodel.Projection;

/**
 * One generation of the read model: its in-memory {@link Projection}, its collections ({@code projections<suffix>},
 * {@code heldEvents<suffix>}), its consumer group and its {@link EventStream}. The live generation answers the
 * queries; a rebuild fills a new one beside it (see {@link StatsConsumer}).
 *
 * <p>Each event is checked against its aggregate's last applied sequence ({@link SequenceGaps}): a duplicate is
 * skipped, the next one applied (then any held ones it makes next), one ahead of a gap held — stored as held before
 * its offset is committed — until the gap closes or it expires into a dead letter. An event that cannot be applied
 * (poison) is dead-lettered and its sequence counts as passed, so the aggregate's later events are not held behind it.
 * A change is applied in memory at once and stored by {@link #flush} in one bulk write per poll before the offsets are
 * committed.
 */
final class Generation implements EventHandler {
  private static final Logger log = LoggerFactory.getLogger(Generation.class);

  /** How events of this generation are read. */
  record Source(Properties consumer, List<String> topics) {}

  final long number;
  final String suffix;
  private final Projection model = new Projection();
  private final ProjectionStore store;
  private final HeldEvents heldStore;
  private final DeadLetters deadLetters;
  private final SequenceGaps<ReceivedEvent> gaps;
  private final Source source;
  private final Clock clock;
  private final Timer latency;
  private final Map<String, Projection.Change> pending = new LinkedHashMap<>();
  private final Map<String, Document> heldToStore = new LinkedHashMap<>();
  private final Set<String> heldToRemove = new LinkedHashSet<>();
  private final List<DeadLetters.Letter> lettersToStore = new ArrayList<>();
  private final Map<TopicPartition, Long> handled = new ConcurrentHashMap<>();
  private volatile int heldCount;
  private volatile EventStream stream;
  private volatile Instant lastOccurredAt;
  private volatile boolean live;
  private final SourceWatermarks watermarks;

  private final MongoDatabase db;

  Generation(long number, String suffix, MongoDatabase db, DeadLetters deadLetters, GapSettings gapSettings,
      Source source, Clock clock, Timer latency, SourceWatermarks watermarks) {
    this.watermarks = watermarks;
    this.number = number;
    this.suffix = suffix;
    this.db = db;
    this.store = new ProjectionStore(db, projections(suffix));
    this.heldStore = new HeldEvents(db, heldEvents(suffix), new EventCodec());
    this.deadLetters = deadLetters;
    this.gaps = new SequenceGaps<>(gapSettings.maxWait(), gapSettings.maxHeld());
    this.source = source;
    this.clock = clock;
    this.latency = latency;
  }

  /** Gap settings: how long and how many events may wait for a missing sequence. */
  record GapSettings(Duration maxWait, int maxHeld) {}

  static String projections(String suffix) {
    return "projections" + suffix;
  }

  static String heldEvents(String suffix) {
    return "heldEvents" + suffix;
  }

  Projection model() {
    return model;
  }

  /** Answers queries: its apply latency is recorded (a rebuild's replay of old events is not). */
  void live(boolean live) {
    this.live = live;
  }

  /** Loads the stored records and held events, then starts reading from the group's committed offsets. */
  synchronized int start() {
    int loaded = store.loadInto(model);
    int held = 0;
    for (HeldEvents.Stored s : heldStore.load()) {
      if (s.sequence() <= model.lastSequence(s.key())) heldToRemove.add(HeldEvents.id(s.key(), s.sequence()));
      else if (gaps.hold(s.key(), s.sequence(), s.since(), s.event())) held++;
    }
    for (String key : gaps.keys()) release(key);
    heldCount = gaps.size();
    log.info("Read model generation {} loaded: {} aggregates, {} held events", number, loaded, held);
    EventStream s = new EventStream(source.consumer(), source.topics(), this);
    stream = s;
    s.start();
    return loaded;
  }

  void close() {
    EventStream s = stream;
    if (s != null) s.close();
  }

  /** Drops this generation's collections (after it was replaced, or when an unfinished rebuild starts again). */
  void drop() {
    List<String> existing = db.listCollectionNames().into(new ArrayList<>());
    if (existing.contains(projections(suffix))) store.drop();
    if (existing.contains(heldEvents(suffix))) heldStore.drop();
  }

  long lag() {
    EventStream s = stream;
    return s == null ? -1 : s.lag();
  }

  Instant lastOccurredAt() {
    return lastOccurredAt;
  }

  int held() {
    return heldCount;
  }

  /** The highest offset handled (applied, held, skipped or set aside) per partition. */
  Map<TopicPartition, Long> handled() {
    return Map.copyOf(handled);
  }

  @Override
  public synchronized void apply(ReceivedEvent event) {
    long sequence = event.envelope().sequence();
    if (sequence < 1) throw new PoisonEvent("missing or invalid sequence: " + sequence);
    String key = Projection.keyOf(event.envelope());
    switch (SequenceGaps.verdict(model.lastSequence(key), sequence)) {
      case DUPLICATE -> { }
      case NEXT -> {
        applyNext(key, event, false);
        release(key);
      }
      case AHEAD -> {
        Projection.validate(event.data()); // broken whatever comes first: set aside now, not after the wait
        Instant now = clock.instant();
        if (gaps.hold(key, sequence, now, event)) {
          heldToStore.put(HeldEvents.id(key, sequence), heldStore.toDocument(key, sequence, now, event));
          log.info("holding {} sequence {}: last applied is {}", key, sequence, model.lastSequence(key));
        }
        expire(now);
      }
    }
    handled(event.topic(), event.partition(), event.offset());
    received(event);
  }

  /** Applies the aggregate's next event; one that cannot be applied is set aside and passed (never blocks the rest). */
  private void applyNext(String key, ReceivedEvent event, boolean wasHeld) {
    try {
      model.plan(event.envelope()).ifPresent(change -> {
        model.commit(change);
        pending.put(change.key(), change); // the later change of a key supersedes (sequence-guarded)
      });
    } catch (PoisonEvent e) {
      log.warn("event {} refused as poison: {}", event.envelope().eventId(), e.getMessage());
      lettersToStore.add(letter(event, e.getMessage(), false));
      Projection.Change passed = model.pass(key, event.envelope().sequence());
      pending.put(passed.key(), passed);
    }
    if (wasHeld) {
      String id = HeldEvents.id(key, event.envelope().sequence());
      heldToStore.remove(id);
      heldToRemove.add(id);
    }
  }

  /** When it was received: the event's time is the last seen, and its commit→applied delay is recorded (live only). */
  private void received(ReceivedEvent event) {
    Instant occurred = event.envelope().occurredAt();
    if (occurred != null) {
      lastOccurredAt = occurred;
      if (live) latency.record(Duration.between(occurred, clock.instant()).abs());
    }
  }

  /** Applies the held events of {@code key} that are next now, in order. */
  private void release(String key) {
    for (SequenceGaps.Held<ReceivedEvent> h : gaps.discardUpTo(key, model.lastSequence(key))) {
      String id = HeldEvents.id(key, h.sequence());
      heldToStore.remove(id);
      heldToRemove.add(id);
    }
    var next = gaps.take(key, model.lastSequence(key) + 1);
    while (next.isPresent()) {
      log.info("gap closed: applying held {} sequence {}", key, next.get().sequence());
      applyNext(key, next.get().item(), true);
      next = gaps.take(key, model.lastSequence(key) + 1);
    }
    heldCount = gaps.size();
  }

  /** Reports the held events whose gap did not close in time (or over the limit) as dead letters; stores at once. */
  synchronized void expireAndStore() {
    expire(clock.instant());
    flush();
  }

  private void expire(Instant now) {
    for (SequenceGaps.Expired<ReceivedEvent> x : gaps.expire(now, model::lastSequence)) {
      log.warn("{}", x.reason());
      lettersToStore.add(letter(x.held().item(), x.reason(), true));
      String id = HeldEvents.id(x.held().key(), x.held().sequence());
      heldToStore.remove(id);
      heldToRemove.add(id);
    }
    heldCount = gaps.size();
  }

  private DeadLetters.Letter letter(ReceivedEvent e, String reason, boolean gap) {
    return new DeadLetters.Letter(e.topic(), e.partition(), e.offset(), e.envelope().aggregateId(),
        CODEC.encode(e.envelope()), reason, gap);
  }

  private static final EventCodec CODEC = new EventCodec();

  /** Stores the records, held events and dead letters of this poll; on failure everything stays pending. */
  @Override
  public synchronized void flush() {
    if (pending.isEmpty() && heldToStore.isEmpty() && heldToRemove.isEmpty() && lettersToStore.isEmpty()) return;
    store.saveAll(pending.values()); // throws: all stays pending, offsets stay uncommitted, the next flush writes it
    heldStore.write(heldToStore.values(), heldToRemove);
    for (DeadLetters.Letter l : lettersToStore) deadLetters.add(l);
    pending.clear();
    heldToStore.clear();
    heldToRemove.clear();
    lettersToStore.clear();
  }

  /** The watermarks this generation consumed: each came after every event before it on its partition was handled. */
  SourceWatermarks watermarks() {
    return watermarks;
  }

  @Override
  public void watermark(String topic, Watermark watermark) {
    watermarks.record(watermark);
  }

  @Override
  public void poison(ConsumerRecord<String, String> record, String reason) {
    deadLetters.add(record, reason);
    handled(record.topic(), record.partition(), record.offset());
  }

  private void handled(String topic, int partition, long offset) {
    handled.merge(new TopicPartition(topic, partition), offset, Math::max);
  }
}
