package village.reporting.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The sequence-gap rule of one read model, without I/O: an event more than one ahead of its aggregate's last
 * applied sequence is held until the missing ones arrive; one held longer than {@code maxWait}, or the oldest ones
 * once more than {@code maxHeld} are held, expire (to be reported, never applied over the gap). Not thread-safe:
 * the owner synchronises.
 *
 * @param <T> what is held (the received event)
 */
final class SequenceGaps<T> {
  /** What to do with an event given its aggregate's last applied sequence. */
  enum Verdict {
    /** Not newer than what was applied: a duplicate or replay, skipped. */
    DUPLICATE,
    /** The next one: apply it (then whatever it releases). */
    NEXT,
    /** Ahead of a gap: hold it. */
    AHEAD
  }

  record Held<T>(String key, long sequence, Instant since, T item) {}

  record Expired<T>(Held<T> held, long lastApplied, String reason) {}

  private final Duration maxWait;
  private final int maxHeld;
  private final Map<String, TreeMap<Long, Held<T>>> byKey = new HashMap<>();
  private final TreeSet<Held<T>> byAge = new TreeSet<>(Comparator.<Held<T>, Instant>comparing(Held::since)
      .thenComparing(Held::key).thenComparingLong(Held::sequence));

  SequenceGaps(Duration maxWait, int maxHeld) {
    if (maxWait == null || maxWait.isNegative()) throw new IllegalArgumentException("maxWait must be >= 0");
    if (maxHeld < 1) throw new IllegalArgumentException("maxHeld must be >= 1");
    this.maxWait = maxWait;
    this.maxHeld = maxHeld;
  }

  static Verdict verdict(long lastApplied, long sequence) {
    if (sequence <= lastApplied) return Verdict.DUPLICATE;
    return sequence == lastApplied + 1 ? Verdict.NEXT : Verdict.AHEAD;
  }

  /** Holds {@code item}; false (and nothing changes) if that sequence of that aggregate is held already. */
  boolean hold(String key, long sequence, Instant since, T item) {
    TreeMap<Long, Held<T>> held = byKey.computeIfAbsent(key, k -> new TreeMap<>());
    if (held.containsKey(sequence)) return false;
    Held<T> h = new Held<>(key, sequence, since, item);
    held.put(sequence, h);
    byAge.add(h);
    return true;
  }

  /** Removes and returns the held event with exactly this sequence (the one that is next now), if any. */
  Optional<Held<T>> take(String key, long sequence) {
    TreeMap<Long, Held<T>> held = byKey.get(key);
    if (held == null) return Optional.empty();
    Held<T> h = held.remove(sequence);
    if (h == null) return Optional.empty();
    byAge.remove(h);
    if (held.isEmpty()) byKey.remove(key);
    return Optional.of(h);
  }

  /** Removes and returns the held events of {@code key} that are not newer than {@code lastApplied} (duplicates now). */
  List<Held<T>> discardUpTo(String key, long lastApplied) {
    TreeMap<Long, Held<T>> held = byKey.get(key);
    if (held == null) return List.of();
    List<Held<T>> gone = new ArrayList<>(held.headMap(lastApplied, true).values());
    for (Held<T> h : gone) take(key, h.sequence());
    return gone;
  }

  /**
   * Removes and returns what must be reported: every event held for longer than {@code maxWait} at {@code now}, and
   * the oldest while more than {@code maxHeld} are held. {@code lastApplied} tells the reason which sequence is missing.
   */
  List<Expired<T>> expire(Instant now, java.util.function.ToLongFunction<String> lastApplied) {
    List<Expired<T>> out = new ArrayList<>();
    while (!byAge.isEmpty()) {
      Held<T> oldest = byAge.first();
      boolean tooOld = !oldest.since().plus(maxWait).isAfter(now);
      boolean tooMany = byAge.size() > maxHeld;
      if (!tooOld && !tooMany) break;
      take(oldest.key(), oldest.sequence());
      long last = lastApplied.applyAsLong(oldest.key());
      String missing = last + 1 == oldest.sequence() - 1 ? "sequence " + (last + 1)
          : "sequences " + (last + 1) + "–" + (oldest.sequence() - 1);
      String why = tooOld ? "it waited " + maxWait + " (since " + oldest.since() + ")"
          : "more than " + maxHeld + " events were held";
      out.add(new Expired<>(oldest, last, "sequence gap: " + oldest.key() + " sequence " + oldest.sequence()
          + " arrived before " + missing + " (last applied " + last + "), which did not arrive before " + why
          + "; not applied over the gap"));
    }
    return out;
  }

  int size() {
    return byAge.size();
  }

  /** The keys that have held events (a copy). */
  List<String> keys() {
    return List.copyOf(byKey.keySet());
  }
}
