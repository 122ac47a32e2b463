package village.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (KRaft, combined broker + controller, single node) running in this JVM.
 *
 * <p>Storage is formatted on the first start and reused afterwards, so {@link #stop()} followed by
 * {@link #start()} (or a new {@link #start(Path, int, int)} on the same directory and ports) keeps all topic
 * data. Tests simulate a Kafka outage that way.
 */
public final class KafkaBroker {
  private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final String HOST = "127.0.0.1";

  private final Path dataDir;
  private final int port;
  private final int controllerPort;
  private KafkaRaftServer server;

  private KafkaBroker(Path dataDir, int port, int controllerPort) {
    this.dataDir = dataDir.toAbsolutePath();
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /**
   * Starts a broker with its data in {@code dataDir} (created and formatted if needed). Port 0 picks a free
   * port; the chosen ports are kept for later restarts of this instance.
   */
  public static KafkaBroker start(Path dataDir, int port, int controllerPort) {
    int p = port;
    int c = controllerPort;
    if (p == 0 && c == 0) {
      int[] two = FreePorts.pickTwo();
      p = two[0];
      c = two[1];
    } else if (p == 0) {
      do {
        p = FreePorts.pick();
      } while (p == c);
    } else if (c == 0) {
      do {
        c = FreePorts.pick();
      } while (c == p);
    }
    KafkaBroker broker = new KafkaBroker(dataDir, p, c);
    broker.start();
    return broker;
  }

  /** Starts this broker again after {@link #stop()}, on the same data directory and ports. No-op if running. */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    long t0 = System.nanoTime();
    KafkaConfig config = new KafkaConfig(config(), false);
    format(config);
    KafkaRaftServer s = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      s.startup();
    } catch (RuntimeException e) {
      try {
        s.shutdown();
        s.awaitShutdown();
      } catch (RuntimeException ignored) {
        // already failing
      }
      throw e;
    }
    server = s;
    log.info("Kafka broker up on {} (controller {}) in {} ms, data {}", bootstrapServers(), controllerPort,
        (System.nanoTime() - t0) / 1_000_000, dataDir);
  }

  /** Clean shutdown; waits until the broker has stopped. No-op if not running. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      server = null;
    }
    log.info("Kafka broker on {} stopped in {} ms", bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
  }

  /** Stops and starts again on the same directory and ports. */
  public void restart() {
    stop();
    start();
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  private Path logDir() {
    return dataDir.resolve("logs");
  }

  private Map<String, Object> config() {
    Map<String, Object> p = new HashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir().toString());
    p.put("metadata.log.dir", logDir().toString());
    // single node: every internal topic with replication factor 1 and min ISR 1
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "10");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "10");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // the services create their topics (TopicProvisioning, retention -1); nothing appears by accident
    p.put("auto.create.topics.enable", "false");
    p.put("num.partitions", "3");
    p.put("log.retention.ms", "-1");
    p.put("log.retention.bytes", "-1");
    p.put("delete.topic.enable", "true");
    return p;
  }

  private void format(KafkaConfig config) {
    try {
      Files.createDirectories(logDir());
      if (Files.exists(logDir().resolve("meta.properties"))) {
        return; // formatted before: reuse (cluster id and data kept)
      }
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(logDir().toString())
          .setDirectories(List.of(logDir().toString()))
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setIgnoreFormatted(true)
          .run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("could not format Kafka storage in " + logDir(), e);
    }
  }

  @Override
  public String toString() {
    return "KafkaBroker[" + bootstrapServers() + ", controller " + controllerPort + ", " + dataDir + "]";
  }
}
