package village.support.config;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.Set;

/**
 * Knows whether the current thread (a request) has sent a write command to MongoDB since {@link #reset()}: a
 * database failure before any write was sent means nothing was stored; after one, the write's outcome is unknown.
 * The sync driver calls {@link #commandStarted} on the calling thread, just before the command goes on the wire.
 */
public final class MongoWrites implements CommandListener {
  private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify", "bulkWrite");
  private static final ThreadLocal<Boolean> SENT = new ThreadLocal<>();
  private volatile boolean attached;

  @Override
  public void commandStarted(CommandStartedEvent event) {
    if (WRITES.contains(event.getCommandName())) SENT.set(Boolean.TRUE);
  }

  /** Forget this thread's writes (at the start and end of a request). */
  public void reset() {
    SENT.remove();
  }

  /**
   * Whether a write may have reached the database on this thread: one was sent, or nothing tracks it (a
   * service-provided MongoClient without this listener), so it cannot be ruled out.
   */
  public boolean writeMayHaveBeenSent() {
    return !attached || Boolean.TRUE.equals(SENT.get());
  }

  /** Called when the listener is registered on the client (writes are then tracked). */
  public void attached() {
    attached = true;
  }

  /** For tests. */
  public void markSent() {
    SENT.set(Boolean.TRUE);
  }
}
