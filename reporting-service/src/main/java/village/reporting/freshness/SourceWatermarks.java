package village.reporting.freshness;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import village.events.Watermark;

/**
 * The watermarks consumed so far, per source service, partition and instance, and what they prove: a source is
 * complete up to the smallest, over its topic's partitions, of the smallest last watermark of its live instances on
 * that partition. Until every partition has a watermark from the source the source's time is unknown.
 *
 * <p>Live instances: an instance whose last watermark on a partition is more than {@code instanceTimeout} older than
 * the newest watermark of another instance of the same source on it has stopped (a restart gets a new instance id) and
 * no longer counts. Nothing is dropped while no watermark arrives at all (Kafka down), so an outage holds the time.
 * The timeout must exceed the write services' sweep interval: a stopped instance's leftover events are found by a
 * surviving instance's sweep, whose watermark they then hold back, before the stopped one is dropped.
 * Plain class; thread-safe.
 */
public final class SourceWatermarks {
  /** The last watermark of one instance on one partition. */
  record Mark(Instant upTo, int partitions, int waitingEvents, Instant oldestWaitingSince, long sequence) {}

  /** What is known of one source: the time its events are complete up to (empty: not yet known). */
  public record Source(String service, Optional<Instant> upTo, int instances, int waitingEvents, Instant oldestWaitingSince) {}

  private final Duration instanceTimeout;
  /** service → partition → instance → last mark. */
  private final Map<String, Map<Integer, Map<String, Mark>>> marks = new HashMap<>();

  public SourceWatermarks(Duration instanceTimeout) {
    this.instanceTimeout = instanceTimeout;
  }

  /** A watermark was consumed after every record before it on its partition was applied. */
  public synchronized void record(Watermark w) {
    marks.computeIfAbsent(w.service(), s -> new HashMap<>())
        .computeIfAbsent(w.partition(), p -> new LinkedHashMap<>())
        .put(w.instance(), new Mark(w.upTo(), w.partitions(), w.waitingEvents(), w.oldestWaitingSince(), w.sequence()));
  }

  /** Everything forgotten (the read model is rebuilt from offset 0). */
  public synchronized void clear() {
    marks.clear();
  }

  public synchronized Source source(String service) {
    Map<Integer, Map<String, Mark>> byPartition = marks.get(service);
    if (byPartition == null || byPartition.isEmpty()) return new Source(service, Optional.empty(), 0, 0, null);
    int partitions = byPartition.values().stream().flatMap(m -> m.values().stream()).mapToInt(Mark::partitions).max().orElse(0);
    Instant upTo = null;
    boolean complete = true;
    Map<String, Mark> live = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      Map<String, Mark> instances = byPartition.get(p);
      if (instances == null || instances.isEmpty()) {
        complete = false;
        continue;
      }
      Instant partitionUpTo = minOfLive(instances.entrySet(), live);
      if (upTo == null || partitionUpTo.isBefore(upTo)) upTo = partitionUpTo;
    }
    int waiting = 0;
    Instant oldest = null;
    for (Mark m : live.values()) {
      waiting += m.waitingEvents();
      if (m.oldestWaitingSince() != null && (oldest == null || m.oldestWaitingSince().isBefore(oldest))) oldest = m.oldestWaitingSince();
    }
    return new Source(service, complete ? Optional.ofNullable(upTo) : Optional.empty(), live.size(), waiting, oldest);
  }

  private Instant minOfLive(Collection<Map.Entry<String, Mark>> instances, Map<String, Mark> live) {
    Instant newest = instances.stream().map(e -> e.getValue().upTo()).max(Instant::compareTo).orElseThrow();
    Instant cutoff = newest.minus(instanceTimeout);
    Instant min = null;
    for (Map.Entry<String, Mark> e : instances) {
      Mark m = e.getValue();
      if (m.upTo().isBefore(cutoff)) continue; // stopped instance: superseded for longer than the timeout
      live.merge(e.getKey(), m, (a, b) -> a.sequence() >= b.sequence() ? a : b);
      if (min == null || m.upTo().isBefore(min)) min = m.upTo();
    }
    return min;
  }
}
