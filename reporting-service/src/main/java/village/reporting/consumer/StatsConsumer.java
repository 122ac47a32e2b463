package village.reporting.consumer;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import village.events.Topics;
import village.messaging.KafkaSettings;
import village.reporting.freshness.Freshness;
import village.reporting.readmodel.Projection;
import village.support.config.VillageProperties;

/**
 * Feeds the read model from the three topics and keeps it answering through a rebuild.
 *
 * <p>The read model lives in a {@link Generation}: an in-memory model, its own collections and its own consumer group
 * (an offset is committed only after its event's change is stored). {@code meta} names the live generation
 * ({@code {_id: "consumer", generation, suffix}}; generation 0 is group {@code reporting-service} and collection
 * {@code projections}, generation N group {@code reporting-service-gN} and {@code projections-gN}).
 *
 * <p>{@link #rebuild()} fills a new generation beside the live one, from offset 0 (a new group has no committed
 * offsets), while the live one keeps answering and consuming. Once the new one has read every partition up to the end
 * offsets seen when the rebuild began and its lag is at most {@code village.reporting.rebuild.max-lag} (or no more
 * than the live one's), {@code meta} is switched to it, the queries read it, and the old one is closed and dropped.
 * A restart during a rebuild keeps the old generation live and starts the rebuild again (the unfinished one's
 * collections are dropped). Sequence gaps: see {@link Generation}; a monitor thread expires held events.
 */
@Component
public class StatsConsumer implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(StatsConsumer.class);
  private static final String META_ID = "consumer";

  private final MongoDatabase db;
  private final DeadLetters deadLetters;
  private final VillageProperties props;
  private final String baseGroup;
  private final MongoCollection<Document> meta;
  private final Clock clock;
  private final Timer latency;
  private final Generation.GapSettings gapSettings;
  private final long maxLagAtSwap;
  private final List<String> topics;
  private final Projection empty = new Projection();
  private volatile Generation live;
  private volatile Rebuild rebuild;
  private ScheduledExecutorService monitor;
  private volatile boolean running;
  private final Freshness freshness;

  /** A generation being filled, and since when. {@code targets}: partition → {begin, end} when it began. */
  private static final class Rebuild {
    final Generation generation;
    final Instant startedAt;
    volatile Map<TopicPartition, long[]> targets;

    Rebuild(Generation generation, Instant startedAt) {
      this.generation = generation;
      this.startedAt = startedAt;
    }
  }

  StatsConsumer(MongoDatabase db, DeadLetters deadLetters, VillageProperties props, MeterRegistry meters, Clock clock,
      @Value("${village.reporting.consumer-group:reporting-service}") String group,
      @Value("${village.reporting.gap.max-wait:60s}") Duration gapMaxWait,
      @Value("${village.reporting.gap.max-held:10000}") int gapMaxHeld,
      @Value("${village.reporting.rebuild.max-lag:10}") long maxLagAtSwap, Freshness freshness) {
    this.freshness = freshness;
    this.db = db;
    this.deadLetters = deadLetters;
    this.props = props;
    this.clock = clock;
    this.baseGroup = props.kafka().topicPrefix() + group;
    this.meta = db.getCollection("meta");
    this.gapSettings = new Generation.GapSettings(gapMaxWait, gapMaxHeld);
    this.maxLagAtSwap = maxLagAtSwap;
    this.topics = Topics.all().stream().map(t -> Topics.named(props.kafka().topicPrefix(), t)).toList();
    this.latency = Timer.builder("village.stats.apply.latency")
        .description("From an event's occurredAt (its commit in the write service) to its being applied here")
        .publishPercentiles(0.5, 0.99).register(meters);
  }

  /** The live read model (swapped atomically at the end of a rebuild). */
  public Projection model() {
    Generation g = live;
    return g == null ? empty : g.model();
  }

  /** Messages not yet consumed across the topics' partitions by the live generation; -1 until known. */
  public long lag() {
    Generation g = live;
    return g == null ? -1 : g.lag();
  }

  /** The time up to which every acknowledged write is included (the write services' watermarks: {@link Freshness}). */
  public Instant asOf() {
    Generation g = live;
    return g == null ? Instant.EPOCH : freshness.asOf(g.watermarks());
  }

  /** {@code asOf}, {@code lag} and, when the statistics trail, {@code behind}: from the live generation's watermarks. */
  public Freshness.Header freshnessHeader() {
    Generation g = live;
    return freshness.header(g == null ? freshness.tracker() : g.watermarks(), lag());
  }

  /** The highest offset the live read model has handled on each partition (applied, held, skipped as a duplicate, set aside). */
  public Map<TopicPartition, Long> handledOffsets() {
    Generation g = live;
    return g == null ? Map.of() : g.handled();
  }

  /** The number of the live read model's generation: 0 until the first rebuild, +1 for each rebuild swapped in. */
  public long generation() {
    Generation g = live;
    return g == null ? -1 : g.number;
  }

  /** Events the live read model holds back because an earlier sequence of their aggregate has not arrived. */
  public int heldEvents() {
    Generation g = live;
    return g == null ? 0 : g.held();
  }

  /** The running rebuild, or null. */
  public RebuildProgress rebuildProgress() {
    Rebuild r = rebuild;
    if (r == null) return null;
    Map<TopicPartition, long[]> targets = r.targets;
    if (targets == null) return new RebuildProgress(r.startedAt, 0, null);
    Map<TopicPartition, Long> handled = r.generation.handled();
    long total = 0;
    long applied = 0;
    for (var e : targets.entrySet()) {
      long begin = e.getValue()[0];
      long size = Math.max(0, e.getValue()[1] - begin);
      total += size;
      Long h = handled.get(e.getKey());
      if (h != null) applied += Math.min(size, Math.max(0, h + 1 - begin));
    }
    return new RebuildProgress(r.startedAt, applied, total);
  }

  /**
   * Starts filling a new generation from offset 0 in the background; the live one answers until the new one has
   * caught up. If a rebuild is running already, nothing changes and that one is returned.
   */
  public synchronized RebuildProgress.Request rebuild() {
    if (!running) throw new IllegalStateException("the consumer is not running");
    if (rebuild != null) return new RebuildProgress.Request(false, rebuildProgress());
    Document m = metaDocument();
    Document previous = m == null ? null : m.get("rebuilding", Document.class);
    long number = Math.max(live.number, previous == null ? 0 : ((Number) previous.get("generation")).longValue()) + 1;
    Instant now = clock.instant();
    meta.updateOne(eq("_id", META_ID), Updates.set("rebuilding",
        new Document("generation", number).append("startedAt", Date.from(now))), new UpdateOptions().upsert(true));
    Generation g = open(number, "-g" + number);
    g.drop(); // leftovers of an earlier attempt under this number, if any
    g.start();
    rebuild = new Rebuild(g, now);
    log.info("Rebuild: generation {} replays every topic from offset 0; generation {} answers until it has caught up",
        number, live.number);
    return new RebuildProgress.Request(true, rebuildProgress());
  }

  private Document metaDocument() {
    return meta.find(eq("_id", META_ID)).first();
  }

  private Generation open(long number, String suffix) {
    String group = number == 0 ? baseGroup : baseGroup + "-g" + number;
    Properties p = KafkaSettings.consumer(props.kafka().bootstrapServers(), group, "reporting-service");
    return new Generation(number, suffix, db, deadLetters, gapSettings, new Generation.Source(p, topics), clock, latency,
        freshness.tracker());
  }

  /** Every 200 ms: expire held events; for a running rebuild, learn its target offsets and swap it in once caught up. */
  private void tick() {
    try {
      Generation g = live;
      if (g != null) g.expireAndStore();
      Rebuild r = rebuild;
      if (r == null) return;
      r.generation.expireAndStore();
      if (r.targets == null) r.targets = offsets();
      if (caughtUp(r)) swap(r);
    } catch (RuntimeException e) {
      log.warn("stats monitor: {}", e.toString());
    }
  }

  private boolean caughtUp(Rebuild r) {
    long lag = r.generation.lag();
    if (lag < 0 || lag > Math.max(maxLagAtSwap, lag())) return false;
    Map<TopicPartition, Long> handled = r.generation.handled();
    for (var e : r.targets.entrySet()) {
      long begin = e.getValue()[0];
      long end = e.getValue()[1];
      if (end <= begin) continue;
      Long h = handled.get(e.getKey());
      if (lag != 0 && (h == null || h < end - 1)) return false;
    }
    return true;
  }

  private void swap(Rebuild r) {
    Generation old;
    synchronized (this) {
      if (rebuild != r || !running) return;
      meta.updateOne(eq("_id", META_ID), Updates.combine(Updates.set("generation", r.generation.number),
          Updates.set("suffix", r.generation.suffix), Updates.unset("rebuilding")), new UpdateOptions().upsert(true));
      old = live;
      r.generation.live(true);
      live = r.generation;
      rebuild = null;
    }
    old.live(false);
    old.close();
    old.drop();
    log.info("Rebuild done: generation {} is live ({} aggregates) after {}; generation {} dropped", r.generation.number,
        r.generation.model().size(), Duration.between(r.startedAt, clock.instant()), old.number);
  }

  /** Partition → {beginning, end} offset of every topic now (a topic not created yet has none). */
  private Map<TopicPartition, long[]> offsets() {
    Properties p = KafkaSettings.consumer(props.kafka().bootstrapServers(), "unused", "reporting-service-rebuild");
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String t : topics) {
        List<PartitionInfo> info = c.partitionsFor(t, Duration.ofSeconds(5));
        if (info != null) info.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
      }
      Map<TopicPartition, Long> begin = c.beginningOffsets(partitions, Duration.ofSeconds(5));
      Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(5));
      Map<TopicPartition, long[]> out = new HashMap<>();
      for (TopicPartition tp : partitions) out.put(tp, new long[] {begin.getOrDefault(tp, 0L), end.getOrDefault(tp, 0L)});
      return out;
    }
  }

  @Override
  public synchronized void start() {
    Document m = metaDocument();
    long number = m == null || m.get("generation") == null ? 0 : ((Number) m.get("generation")).longValue();
    String suffix = m == null || m.getString("suffix") == null ? "" : m.getString("suffix");
    dropOtherGenerations(suffix);
    Generation g = open(number, suffix);
    g.live(true);
    int loaded = g.start();
    live = g;
    log.info("Read model loaded: {} aggregates (generation {})", loaded, number);
    monitor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "stats-monitor");
      t.setDaemon(true);
      return t;
    });
    monitor.scheduleWithFixedDelay(this::tick, 200, 200, TimeUnit.MILLISECONDS);
    running = true;
    if (m != null && m.get("rebuilding") != null) {
      log.info("A rebuild was running when the service stopped: generation {} stays live, the rebuild starts again", number);
      rebuild();
    }
  }

  /** The collections of generations that are not live (a finished swap's old one, an unfinished rebuild's). */
  private void dropOtherGenerations(String liveSuffix) {
    for (String name : db.listCollectionNames()) {
      boolean generational = name.startsWith("projections") || name.startsWith("heldEvents");
      if (generational && !name.equals(Generation.projections(liveSuffix)) && !name.equals(Generation.heldEvents(liveSuffix))) {
        log.info("dropping {} (not the live generation's)", name);
        db.getCollection(name).drop();
      }
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (monitor != null) monitor.shutdownNow();
    Rebuild r = rebuild;
    rebuild = null;
    if (r != null) r.generation.close();
    Generation g = live;
    if (g != null) g.close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the web server (which starts in a later phase): the model is loaded before the first request. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }
}
