package village.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time up to which a service's relay may promise that every acknowledged write is published: the smallest of
 * "now" and the start of every write still waiting. A write holds a {@link Ticket} from before its database write
 * ({@link #open}) until the relay has its events acknowledged by Kafka ({@link #close}); a leftover found by a sweep
 * holds one from its events' time ({@link #openAt}). {@link #horizon()} therefore never passes a write that is in
 * progress, handed to the relay, or left over: the write path's "acknowledged by Mongo, then handed to the relay" gap
 * is covered because the ticket exists before the write starts.
 *
 * <p>Opening a ticket and reading the horizon take the same lock, so a ticket opened "at the same time" as a
 * horizon is read either is seen by it or starts at or after the horizon's "now". Plain class, injected clock.
 */
public final class PublishHorizon {
  /** One waiting write. {@link #handedOff} marks that its database write returned and the relay owns it. */
  public static final class Ticket {
    private final long id;
    private final Instant since;
    private volatile boolean handedOff;
    private volatile boolean closed;

    private Ticket(long id, Instant since) {
      this.id = id;
      this.since = since;
    }

    public Instant since() {
      return since;
    }

    public boolean isClosed() {
      return closed;
    }

    void handedOff() {
      handedOff = true;
    }

    @Override public String toString() {
      return "ticket " + id + " since " + since + (closed ? " (closed)" : handedOff ? " (handed off)" : " (in flight)");
    }
  }

  private static final Comparator<Ticket> ORDER = Comparator.comparing((Ticket t) -> t.since).thenComparingLong(t -> t.id);

  private final Clock clock;
  private final AtomicLong ids = new AtomicLong();
  private final TreeSet<Ticket> open = new TreeSet<>(ORDER);

  public PublishHorizon(Clock clock) {
    this.clock = clock;
  }

  /** A write is about to start: from now until {@link #close} the horizon stays at or before its start. */
  public Ticket open() {
    synchronized (open) {
      Ticket t = new Ticket(ids.incrementAndGet(), clock.instant());
      open.add(t);
      return t;
    }
  }

  /** A write found pending with its events dated {@code since} (a leftover after a crash or an outage). */
  public Ticket openAt(Instant since) {
    synchronized (open) {
      Ticket t = new Ticket(ids.incrementAndGet(), since);
      open.add(t);
      return t;
    }
  }

  /** The write's events are published (or it wrote nothing): it no longer holds the horizon back. */
  public void close(Ticket t) {
    if (t == null) return;
    synchronized (open) {
      t.closed = true;
      open.remove(t);
    }
  }

  /** Every write acknowledged before this instant is published: min(now, the oldest open ticket's start). */
  public Instant horizon() {
    synchronized (open) {
      Instant now = clock.instant();
      if (open.isEmpty()) return now;
      Instant oldest = open.first().since;
      return oldest.isBefore(now) ? oldest : now;
    }
  }

  /** How many writes hold the horizon back. */
  public int waiting() {
    synchronized (open) {
      return open.size();
    }
  }

  /** The start of the oldest waiting write. */
  public Optional<Instant> oldestWaitingSince() {
    synchronized (open) {
      return open.isEmpty() ? Optional.empty() : Optional.of(open.first().since);
    }
  }

  /**
   * Closes tickets whose write never reached the relay within {@code limit} (its database write failed or changed
   * nothing and the caller never said so) and returns them. Tickets the relay owns are never expired: they close when
   * Kafka acknowledged their events, however long that takes.
   */
  public List<Ticket> expireInFlight(Duration limit) {
    Instant before = clock.instant().minus(limit);
    List<Ticket> expired = new ArrayList<>();
    synchronized (open) {
      for (Ticket t : open) {
        if (!t.since.isBefore(before)) break;
        if (!t.handedOff) expired.add(t);
      }
      expired.forEach(t -> {
        t.closed = true;
        open.remove(t);
      });
    }
    return expired;
  }
}
