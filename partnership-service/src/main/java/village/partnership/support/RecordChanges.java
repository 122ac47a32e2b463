package village.partnership.support;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * This instance's writes to organizations, partnerships and needs, for a cache of what they hold (the suggestions'
 * snapshot): {@link #generation()} counts writes to organizations and partnerships (the cache reads everything
 * again), {@link #needChanged} numbers each need written (the cache reads that need again). So a reader sees this
 * instance's own writes at once.
 */
@Component
public class RecordChanges {
  private final AtomicLong generation = new AtomicLong();
  private final TreeMap<Long, String> needs = new TreeMap<>();
  private long needSequence;

  /** An organization or partnership was written. */
  public void changed() {
    generation.incrementAndGet();
  }

  public long generation() {
    return generation.get();
  }

  /** A need was written (posted, claimed, released, resolved). */
  public synchronized void needChanged(String needId) {
    needs.put(++needSequence, needId);
  }

  public synchronized long needSequence() {
    return needSequence;
  }

  /** The needs written after {@code sequence}, and the sequence they reach. */
  public synchronized NeedsChanged needsChangedAfter(long sequence) {
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(needs.tailMap(sequence, false).values()));
    return new NeedsChanged(ids, needSequence);
  }

  /** Forgets the needs written up to {@code sequence} (no reader will ask for them again). */
  public synchronized void forgetNeedsUpTo(long sequence) {
    needs.headMap(sequence, true).clear();
  }

  public record NeedsChanged(List<String> ids, long upTo) {}
}
