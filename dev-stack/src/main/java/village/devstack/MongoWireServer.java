package village.devstack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.TunedH2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server speaking the MongoDB wire protocol on 127.0.0.1, with an H2 file or in-memory backend. On the H2
 * file a write is acknowledged only once it is committed and synced to disk ({@link GroupCommit}): a {@code kill -9}
 * loses no acknowledged write.
 */
public final class MongoWireServer {
  private static final Logger log = LoggerFactory.getLogger(MongoWireServer.class);
  private static final String HOST = "127.0.0.1";
  /** The MVStore's page cache in MiB (H2's default is 16): pages outside it are read and deserialized again. */
  private static final int CACHE_MB = Integer.getInteger("village.mongo.cache-mb", 16);
  /** {@link TunedH2Backend} (same files, faster unique indexes); {@code -Dvillage.mongo.tuned-indexes=false} for the original. */
  private static final boolean TUNED_INDEXES = !"false".equals(System.getProperty("village.mongo.tuned-indexes"));

  private final Runnable shutdown;
  private final int port;
  private final String description;
  private final GroupCommit groupCommit;
  private volatile boolean running = true;

  private MongoWireServer(Runnable shutdown, int port, String description, GroupCommit groupCommit) {
    this.shutdown = shutdown;
    this.groupCommit = groupCommit;
    this.port = port;
    this.description = description;
  }

  /** H2 MVStore backend in {@code file} (created if missing): data survives restarts. Port 0 picks a free port. */
  public static MongoWireServer startH2(Path file, int port) {
    Path f = file.toAbsolutePath();
    try {
      if (f.getParent() != null) {
        Files.createDirectories(f.getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MVStore store = new MVStore.Builder().fileName(f.toString()).cacheSize(CACHE_MB).open();
    MongoBackend backend;
    try {
      backend = TUNED_INDEXES ? new TunedH2Backend(store) : new H2Backend(store);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    String description = (TUNED_INDEXES ? "h2, tuned indexes, durable acknowledgements " : "h2, durable acknowledgements ") + f;
    long t0 = System.nanoTime();
    DurableWireServer server;
    try {
      server = DurableWireServer.bind(backend, store, new InetSocketAddress(HOST, port));
    } catch (RuntimeException e) {
      throw new IllegalStateException("could not bind mongo-java-server to " + HOST + ":" + port, e);
    }
    return started(new MongoWireServer(server::shutdown, server.port(), description, server.groupCommit()), t0);
  }

  /** In-memory backend: nothing kept after {@link #stop()}. Port 0 picks a free port. */
  public static MongoWireServer startInMemory(int port) {
    return start(new MemoryBackend(), port, "memory");
  }

  private static MongoWireServer start(MongoBackend backend, int port, String description) {
    long t0 = System.nanoTime();
    MongoServer server = new MongoServer(backend);
    int p = port;
    try {
      server.bind(new InetSocketAddress(HOST, p));
      p = server.getLocalAddress().getPort();
    } catch (RuntimeException e) {
      backend.close();
      throw new IllegalStateException("could not bind mongo-java-server to " + HOST + ":" + port, e);
    }
    return started(new MongoWireServer(server::shutdown, p, description, null), t0);
  }

  private static MongoWireServer started(MongoWireServer s, long t0) {
    log.info("mongo-java-server ({}) up on {} in {} ms", s.description, s.connectionString(),
        (System.nanoTime() - t0) / 1_000_000);
    return s;
  }

  /** {@code mongodb://127.0.0.1:PORT}. */
  public String connectionString() {
    return "mongodb://" + HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  /** The group commit of the H2 backend (null in memory). */
  GroupCommit groupCommit() {
    return groupCommit;
  }

  /** Stops listening, closes client connections and the backend (the H2 file is committed, synced and closed). */
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    shutdown.run();
    log.info("mongo-java-server ({}) on port {} stopped", description, port);
  }

  @Override
  public String toString() {
    return "MongoWireServer[" + connectionString() + ", " + description + "]";
  }
}
