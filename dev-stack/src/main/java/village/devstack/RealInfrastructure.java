package village.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5 extension giving integration tests a real Kafka broker and a real MongoDB-wire server.
 *
 * <p>One in-process broker (KRaft, free ports, temporary data directory) and one in-memory mongo-java-server
 * (free port) per JVM, started lazily on first use and stopped by a JVM shutdown hook. If the environment
 * variable {@code MONGODB_URI} / {@code KAFKA_BOOTSTRAP_SERVERS} is set, that server is used instead.
 *
 * <pre>{@code
 * @SpringBootTest
 * @ExtendWith(RealInfrastructure.class)
 * class FundsApiIT {
 *   @DynamicPropertySource
 *   static void infra(DynamicPropertyRegistry r) {
 *     RealInfrastructure.properties(FundsApiIT.class).forEach((k, v) -> r.add(k, () -> v));
 *   }
 * }
 * }</pre>
 *
 * <p>The static methods also work without the annotation: each starts what it needs.
 */
public final class RealInfrastructure implements BeforeAllCallback {
  private static final Logger log = LoggerFactory.getLogger(RealInfrastructure.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Map<Class<?>, Map<String, String>> PROPERTIES = new ConcurrentHashMap<>();

  private static KafkaBroker kafka;
  private static String kafkaBootstrap;
  private static Path kafkaDir;
  private static MongoWireServer mongo;
  private static String mongoUri;
  private static boolean hookInstalled;

  /** Starts (once per JVM) what is needed before the test class runs. */
  @Override
  public void beforeAll(ExtensionContext context) {
    kafkaBootstrapServers();
    mongoUri();
  }

  /** The MongoDB connection string: {@code MONGODB_URI} if set, else the embedded server's. */
  public static synchronized String mongoUri() {
    if (mongoUri == null) {
      String external = env("MONGODB_URI");
      if (external != null) {
        mongoUri = external;
        log.info("Using external MongoDB from MONGODB_URI");
      } else {
        installHook();
        long t0 = System.nanoTime();
        mongo = MongoWireServer.startInMemory(0);
        mongoUri = mongo.connectionString();
        log.info("Test mongo-java-server {} started in {} ms", mongoUri, (System.nanoTime() - t0) / 1_000_000);
      }
    }
    return mongoUri;
  }

  /** Kafka {@code bootstrap.servers}: {@code KAFKA_BOOTSTRAP_SERVERS} if set, else the embedded broker's. */
  public static synchronized String kafkaBootstrapServers() {
    if (kafkaBootstrap == null) {
      String external = env("KAFKA_BOOTSTRAP_SERVERS");
      if (external != null) {
        kafkaBootstrap = external;
        log.info("Using external Kafka from KAFKA_BOOTSTRAP_SERVERS: {}", external);
      } else {
        installHook();
        long t0 = System.nanoTime();
        try {
          kafkaDir = Files.createTempDirectory("village-kafka-");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        kafka = KafkaBroker.start(kafkaDir, 0, 0);
        kafkaBootstrap = kafka.bootstrapServers();
        log.info("Test Kafka broker {} started in {} ms", kafkaBootstrap, (System.nanoTime() - t0) / 1_000_000);
      }
    }
    return kafkaBootstrap;
  }

  /**
   * The embedded broker (for tests that stop and start it to simulate an outage); empty when Kafka is external.
   * Use with {@code Assumptions.assumeTrue(RealInfrastructure.embeddedKafka().isPresent())}.
   */
  public static synchronized Optional<KafkaBroker> embeddedKafka() {
    kafkaBootstrapServers();
    return Optional.ofNullable(kafka);
  }

  /**
   * Spring-style properties for a fresh database and topic namespace, the same for the same class within a
   * JVM: {@code village.mongodb.uri}, {@code village.mongodb.database}, {@code village.kafka.bootstrap-servers},
   * {@code village.kafka.topic-prefix}, and {@code village.security.jwt.jwk-set-uri} (the {@link LocalIssuer}).
   */
  public static Map<String, String> properties(Class<?> testClass) {
    String uri = mongoUri();
    String bootstrap = kafkaBootstrapServers();
    return PROPERTIES.computeIfAbsent(testClass, c -> {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("village.mongodb.uri", uri);
      p.put("village.mongodb.database", databaseName(c));
      p.put("village.kafka.bootstrap-servers", bootstrap);
      p.put("village.kafka.topic-prefix", "t" + randomHex(3) + ".");
      p.put("village.security.jwt.jwk-set-uri", LocalIssuer.get().jwkSetUri());
      return Map.copyOf(p);
    });
  }

  /** {@code t_<ShortName>_<random>}: letters, digits and underscores only, at most 50 characters. */
  static String databaseName(Class<?> c) {
    String name = c.getSimpleName().isEmpty() ? c.getName() : c.getSimpleName();
    name = name.replaceAll("[^A-Za-z0-9_]", "_");
    String suffix = randomHex(3);
    int max = 50 - 2 - 1 - suffix.length();
    if (name.length() > max) {
      name = name.substring(0, max);
    }
    return "t_" + name + "_" + suffix;
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static String env(String name) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static void installHook() {
    if (hookInstalled) {
      return;
    }
    hookInstalled = true;
    Runtime.getRuntime().addShutdownHook(new Thread(RealInfrastructure::shutdown, "real-infrastructure-stop"));
  }

  private static synchronized void shutdown() {
    if (kafka != null) {
      try {
        kafka.stop();
      } catch (RuntimeException e) {
        log.warn("Kafka broker did not stop cleanly", e);
      }
      deleteQuietly(kafkaDir);
    }
    if (mongo != null) {
      try {
        mongo.stop();
      } catch (RuntimeException e) {
        log.warn("mongo-java-server did not stop cleanly", e);
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // temp dir, leave it
    }
  }
}
