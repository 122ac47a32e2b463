package village.acceptance.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the writers asked for and what they were told: one {@link Entry} per write (its idempotency key, the phase
 * it was first sent in, the id the system gave it) and the tally of answers that left the outcome unknown.
 */
final class Ledger {
  enum Kind { ORGANIZATION, PARTNERSHIP, FUND, DISBURSEMENT, NEED, INCOME }

  enum Outcome { PENDING, ACKNOWLEDGED, REFUSED, UNRESOLVED }

  /** One write. Mutated only by the writer that owns it; read by the verifier while the writers are parked. */
  static final class Entry {
    final Kind kind;
    final String key;
    final int phase;
    final long sequence;
    final Map<String, String> attributes;
    volatile Outcome outcome = Outcome.PENDING;
    volatile String id;
    volatile int unknownAnswers;
    volatile String lastAnswer = "";

    Entry(Kind kind, String key, int phase, long sequence, Map<String, String> attributes) {
      this.kind = kind;
      this.key = key;
      this.phase = phase;
      this.sequence = sequence;
      this.attributes = attributes;
    }

    String attribute(String name) {
      return attributes.get(name);
    }

    boolean acknowledged() {
      return outcome == Outcome.ACKNOWLEDGED;
    }

    @Override
    public String toString() {
      return kind + " " + key + (id == null ? "" : " id=" + id) + " " + attributes + " (sent in phase " + phase
          + ", " + outcome.name().toLowerCase() + (unknownAnswers > 0 ? " after " + unknownAnswers + " unknown answer(s)" : "")
          + ")";
    }
  }

  private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
  private final Map<Integer, Map<String, Integer>> unknownByPhase = new TreeMap<>();
  private long sequence;

  synchronized Entry open(Kind kind, String key, int phase, Map<String, String> attributes) {
    Entry e = new Entry(kind, key, phase, ++sequence, Map.copyOf(attributes));
    entries.add(e);
    return e;
  }

  void acknowledge(Entry e, String id) {
    e.id = id;
    e.outcome = Outcome.ACKNOWLEDGED;
  }

  void refuse(Entry e, Client.Answer a) {
    e.lastAnswer = a.toString();
    e.outcome = Outcome.REFUSED;
  }

  void unresolved(Entry e) {
    e.outcome = Outcome.UNRESOLVED;
  }

  synchronized void unknown(Entry e, int phase, Client.Answer a) {
    e.unknownAnswers++;
    e.lastAnswer = a.toString();
    unknownByPhase.computeIfAbsent(phase, p -> new TreeMap<>()).merge(a.label(), 1, Integer::sum);
  }

  /** The unknown answers seen while a phase ran, by label ("503": 12, "timeout": 2). */
  synchronized Map<String, Integer> unknownAnswers(int phase) {
    return new TreeMap<>(unknownByPhase.getOrDefault(phase, Map.of()));
  }

  List<Entry> all() {
    List<Entry> list = new ArrayList<>(entries);
    list.sort((a, b) -> Long.compare(a.sequence, b.sequence));
    return list;
  }
}
