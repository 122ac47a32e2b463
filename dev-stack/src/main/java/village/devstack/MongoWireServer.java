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

/** mongo-java-server speaking the MongoDB wire protocol on 127.0.0.1, with an H2 file or in-memory backend. */
public final class MongoWireServer {
  private static final Logger log = LoggerFactory.getLogger(MongoWireServer.class);
  private static final String HOST = "127.0.0.1";
  /** The MVStore's page cache in MiB (H2's default is 16): pages outside it are read and deserialized again. */
  private static final int CACHE_MB = Integer.getInteger("village.mongo.cache-mb", 16);
  /** {@link TunedH2Backend} (same files, faster unique indexes); {@code -Dvillage.mongo.tuned-indexes=false} for the original. */
  private static final boolean TUNED_INDEXES = !"false".equals(System.getProperty("village.mongo.tuned-indexes"));

  private final MongoServer server;
  private final int port;
  private final String description;
  private volatile boolean running = true;

  private MongoWireServer(MongoServer server, int port, String description) {
    this.server = server;
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
    MongoBackend backend = TUNED_INDEXES ? new TunedH2Backend(store) : new H2Backend(store);
    return start(backend, port, (TUNED_INDEXES ? "h2, tuned indexes " : "h2 ") + f);
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
    MongoWireServer s = new MongoWireServer(server, p, description);
    log.info("mongo-java-server ({}) up on {} in {} ms", description, s.connectionString(),
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

  /** Stops listening, closes client connections and the backend (the H2 file is committed and closed). */
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    server.shutdown();
    log.info("mongo-java-server ({}) on port {} stopped", description, port);
  }

  @Override
  public String toString() {
    return "MongoWireServer[" + connectionString() + ", " + description + "]";
  }
}
