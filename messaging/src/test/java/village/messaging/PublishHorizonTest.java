package village.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import village.messaging.PublishHorizon.Ticket;

/** The watermark time: never past a write that is in progress, handed to the relay, or left over. */
class PublishHorizonTest {
  static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    final AtomicLong millis = new AtomicLong(T0.toEpochMilli());

    void advance(Duration d) {
      millis.addAndGet(d.toMillis());
    }

    @Override public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    @Override public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  final TestClock clock = new TestClock();
  final PublishHorizon horizon = new PublishHorizon(clock);

  @Test
  void withNothingWaitingTheHorizonIsNow() {
    assertThat(horizon.horizon()).isEqualTo(T0);
    clock.advance(Duration.ofSeconds(5));
    assertThat(horizon.horizon()).isEqualTo(T0.plusSeconds(5));
    assertThat(horizon.waiting()).isZero();
    assertThat(horizon.oldestWaitingSince()).isEmpty();
  }

  @Test
  void anInFlightWriteStopsTheHorizonAtItsStartUntilClosed() {
    clock.advance(Duration.ofSeconds(1));
    Ticket write = horizon.open(); // before the document write
    clock.advance(Duration.ofSeconds(30)); // Mongo acknowledged, Kafka down: the relay holds it
    assertThat(horizon.horizon()).isEqualTo(T0.plusSeconds(1));
    assertThat(horizon.waiting()).isEqualTo(1);
    assertThat(horizon.oldestWaitingSince()).contains(T0.plusSeconds(1));

    horizon.close(write); // Kafka acknowledged its events
    assertThat(horizon.horizon()).isEqualTo(T0.plusSeconds(31));
  }

  @Test
  void theOldestOfSeveralWritesHoldsItAndALaterCloseDoesNotRelease() {
    Ticket first = horizon.open();
    clock.advance(Duration.ofSeconds(2));
    Ticket second = horizon.open();
    clock.advance(Duration.ofSeconds(2));
    horizon.close(second);
    assertThat(horizon.horizon()).isEqualTo(T0);
    horizon.close(first);
    assertThat(horizon.horizon()).isEqualTo(T0.plusSeconds(4));
  }

  @Test
  void aLeftoverHoldsItAtItsEventsTime() {
    clock.advance(Duration.ofMinutes(10)); // restarted after a crash
    Ticket leftover = horizon.openAt(T0.plusSeconds(3));
    assertThat(horizon.horizon()).isEqualTo(T0.plusSeconds(3));
    horizon.close(leftover);
    assertThat(horizon.horizon()).isEqualTo(T0.plusSeconds(600));
  }

  @Test
  void onlyWritesThatNeverReachedTheRelayExpire() {
    Ticket lost = horizon.open(); // its write failed and nobody said so
    Ticket relayed = horizon.open();
    relayed.handedOff();
    clock.advance(Duration.ofSeconds(31));
    assertThat(horizon.expireInFlight(Duration.ofSeconds(30))).containsExactly(lost);
    assertThat(lost.isClosed()).isTrue();
    assertThat(horizon.horizon()).isEqualTo(T0); // the relayed write still waits for Kafka
    assertThat(horizon.expireInFlight(Duration.ofSeconds(30))).isEmpty();
  }

  @Test
  void aHorizonReadWhileWritesStartNeverPassesAnUnfinishedOne() throws Exception {
    // writers open a ticket, "acknowledge" (record the start), and close it later; a reader keeps computing the
    // horizon. Every horizon must be at or before the start of every write not yet closed when it was read.
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    List<Ticket> open = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      threads.add(new Thread(() -> {
        while (!stop.get()) {
          Ticket t = horizon.open();
          open.add(t);
          clock.advance(Duration.ofMillis(1));
          open.remove(t);
          horizon.close(t);
        }
      }));
    }
    threads.add(new Thread(() -> {
      for (int n = 0; n < 20_000; n++) {
        List<Ticket> before;
        synchronized (open) {
          before = List.copyOf(open); // each of these was opened and not closed before the read below
        }
        Instant h = horizon.horizon();
        for (Ticket t : before) {
          if (!t.isClosed() && h.isAfter(t.since())) violations.add(h + " passed " + t);
        }
      }
      stop.set(true);
    }));
    threads.forEach(Thread::start);
    for (Thread t : threads) t.join(60_000);
    assertThat(violations).isEmpty();
  }
}
