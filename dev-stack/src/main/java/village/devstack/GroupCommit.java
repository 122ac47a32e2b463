package village.devstack;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of an MVStore: a reply leaves the server only once everything its command wrote, or could have read,
 * is committed and synced (fsync) to the file.
 *
 * <p>Commands run in <em>epochs</em>. One thread ({@code mongo-group-commit}) cuts the current epoch when replies are
 * waiting (a barrier: the commands still running finish first, new ones start in the next epoch), then commits the
 * MVStore and syncs the file, then releases every reply of that epoch. Writers arriving while a sync is in progress
 * run in the next epoch, and the next commit and sync cover all of them: one fsync per group, not per write.
 *
 * <p>A read waits too if a write of a not yet synced epoch could have been visible to it (the latest epoch in which a
 * write started): nobody, the outbox relay included, acts on data a crash could still take away. A read while the
 * store is synced is answered at once.
 */
final class GroupCommit {
  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
  /** The epoch a reply must wait for, from the command (in the backend) to its reply (in the pipeline), per thread. */
  private static final ThreadLocal<long[]> TICKET = ThreadLocal.withInitial(() -> new long[1]);

  private final MVStore store;
  /** Commands hold the read lock; cutting an epoch takes the write lock for an instant. */
  private final ReentrantReadWriteLock epochs = new ReentrantReadWriteLock();
  private volatile long epoch = 1;
  /** The latest epoch in which a write command started. */
  private volatile long lastWriteEpoch;
  /** Every epoch up to this one is on disk. Written under this object's monitor. */
  private volatile long synced;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>(); // guarded by this
  private boolean closing; // guarded by this
  private final Thread thread;
  private final AtomicLong syncs = new AtomicLong();
  private final AtomicLong deferred = new AtomicLong();

  private record Waiting(long ticket, Runnable durable, Runnable failed) {}

  GroupCommit(MVStore store) {
    this.store = store;
    this.thread = Thread.ofPlatform().name("mongo-group-commit").daemon().unstarted(this::loop);
    thread.start();
  }

  /** Runs one command in the current epoch and leaves its reply's ticket for {@link #takeTicket()}. */
  <T> T run(boolean write, Supplier<T> command) {
    Lock lock = epochs.readLock();
    lock.lock();
    try {
      if (write) {
        lastWriteEpoch = epoch; // constant while the read lock is held; every writer writes the same value
      }
      try {
        return command.get();
      } finally {
        TICKET.get()[0] = write ? epoch : lastWriteEpoch;
      }
    } finally {
      lock.unlock();
    }
  }

  /** The ticket the last command on this thread left (0: none, nothing to wait for), and forgets it. */
  static long takeTicket() {
    long[] t = TICKET.get();
    long ticket = t[0];
    t[0] = 0;
    return ticket;
  }

  boolean isDurable(long ticket) {
    return ticket <= synced;
  }

  /** Runs {@code durable} once the epoch {@code ticket} is synced (maybe at once, on this thread), or {@code failed}. */
  void whenDurable(long ticket, Runnable durable, Runnable failed) {
    if (ticket > synced) {
      synchronized (this) {
        if (ticket > synced) {
          waiting.add(new Waiting(ticket, durable, failed));
          deferred.incrementAndGet();
          notifyAll();
          return;
        }
      }
    }
    durable.run();
  }

  private void loop() {
    while (true) {
      synchronized (this) {
        while (waiting.isEmpty() && !closing) {
          try {
            wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (waiting.isEmpty()) {
          return; // closing, and nobody waits
        }
      }
      long cut = cutEpoch();
      RuntimeException failure = null;
      try {
        commitAndSync();
      } catch (RuntimeException e) {
        failure = e;
        log.error("could not commit and sync the MVStore; the replies waiting for it are not sent (connections closed)", e);
      }
      release(cut, failure == null);
      if (failure != null) {
        pause();
      }
    }
  }

  /** Every command of the current epoch has finished when this returns; later ones run in the next epoch. */
  private long cutEpoch() {
    Lock lock = epochs.writeLock();
    lock.lock();
    try {
      long cut = epoch;
      epoch = cut + 1;
      return cut;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Commits (the writes reach the file) and syncs it. The MVStore's own background thread may have started a commit
   * of some of these changes that is still being written by its executors: the sync runs as a file store operation,
   * which waits for those first.
   */
  private void commitAndSync() {
    store.commit();
    store.executeFilestoreOperation(() -> store.getFileStore().sync());
    syncs.incrementAndGet();
  }

  private void release(long cut, boolean ok) {
    List<Waiting> ready = new ArrayList<>();
    synchronized (this) {
      if (ok) {
        synced = cut;
      }
      for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
        Waiting w = it.next();
        if (!ok || w.ticket() <= cut) {
          ready.add(w);
          it.remove();
        }
      }
    }
    for (Waiting w : ready) {
      try {
        (ok ? w.durable() : w.failed()).run();
      } catch (RuntimeException e) {
        log.warn("could not release a reply", e);
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Syncs performed (each covers a group of replies). */
  long syncs() {
    return syncs.get();
  }

  /** Replies that had to wait for a sync. */
  long deferredReplies() {
    return deferred.get();
  }

  /**
   * Releases the replies still waiting (after a last commit and sync), stops the thread, and commits and syncs what
   * is left (writes nobody waits for, e.g. unacknowledged ones). The store stays open.
   */
  void close() {
    synchronized (this) {
      closing = true;
      notifyAll();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    cutEpoch();
    commitAndSync();
    log.info("group commit: {} syncs for {} replies that waited for one", syncs.get(), deferred.get());
  }
}
