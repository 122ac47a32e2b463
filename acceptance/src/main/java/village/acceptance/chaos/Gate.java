package village.acceptance.chaos;

import java.time.Duration;

/** Lets the writers start new writes (open), parks them between writes (closed), or ends them (stopped). */
final class Gate {
  private boolean closed = true;
  private boolean stopped;
  private int parked;

  /** Before each new write: waits while closed; false once stopped. */
  synchronized boolean enter() {
    while (closed && !stopped) {
      parked++;
      notifyAll();
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
      } finally {
        parked--;
      }
    }
    return !stopped;
  }

  synchronized void open() {
    closed = false;
    notifyAll();
  }

  synchronized void close() {
    closed = true;
  }

  synchronized void stop() {
    stopped = true;
    notifyAll();
  }

  /** Waits until {@code writers} writers are parked (their writes in flight all resolved); false on time-out. */
  synchronized boolean awaitParked(int writers, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (parked < writers) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return false;
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
