package village.acceptance.chaos;

import java.util.concurrent.atomic.AtomicLong;

/** One fault's stretch of load: the writers tag their writes with it and note the first success after the restart. */
final class Phase {
  final int index;
  final Fault fault;
  final long startedAt = System.nanoTime();
  private volatile long restartAt = Long.MAX_VALUE;
  private final AtomicLong firstOkAfterRestart = new AtomicLong();

  Phase(int index, Fault fault) {
    this.index = index;
    this.fault = fault;
  }

  void restarting() {
    restartAt = System.nanoTime();
  }

  long restartAt() {
    return restartAt;
  }

  /** A write attempt sent at {@code sentAt} was acknowledged. */
  void acknowledged(long sentAt) {
    if (sentAt >= restartAt) firstOkAfterRestart.compareAndSet(0, System.nanoTime());
  }

  /** Seconds from the restart (or SIGCONT) to the first acknowledged write sent after it; null if none. */
  Double writesBackSeconds() {
    long ok = firstOkAfterRestart.get();
    return ok == 0 || restartAt == Long.MAX_VALUE ? null : (ok - restartAt) / 1e9;
  }
}
