package village.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Command line for the launcher ({@code ./village}).
 *
 * <pre>
 * kafka --port 9092 --controller-port 9093 --data DIR
 * mongo --port 27017 --data FILE
 * token ROLE [--org ID] [--township NAME] [--subject S] [--ttl-hours H] --secret-file FILE
 * secret --secret-file FILE
 * </pre>
 */
public final class DevStack {
  static final String DEFAULT_TOWNSHIP = "城关镇";

  private DevStack() {}

  public static void main(String[] args) {
    // the JWT and the READY lines go to stdout as UTF-8 whatever the platform default
    System.setOut(new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8));
    int code;
    try {
      code = run(args);
    } catch (UsageException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(USAGE);
      code = 2;
    } catch (Exception e) {
      System.err.println("error: " + e);
      e.printStackTrace();
      code = 1;
    }
    if (code != 0) {
      System.exit(code);
    }
  }

  static final String USAGE = String.join("\n",
      "usage: DevStack kafka --port 9092 --controller-port 9093 --data DIR",
      "       DevStack mongo --port 27017 --data FILE",
      "       DevStack token COUNTY|TOWNSHIP|ORGANIZATION [--org ID] [--township NAME] [--subject S] [--ttl-hours H] --secret-file FILE",
      "       DevStack secret --secret-file FILE");

  static int run(String[] args) throws Exception {
    if (args.length == 0) {
      throw new UsageException("missing command");
    }
    String command = args[0];
    List<String> positional = new ArrayList<>();
    Map<String, String> options = parse(args, positional);
    switch (command) {
      case "kafka" -> runKafka(options);
      case "mongo" -> runMongo(options);
      case "token" -> System.out.println(token(positional, options, System.getenv("VILLAGE_TOWNSHIP")));
      case "secret" -> ensureSecret(Path.of(required(options, "secret-file")));
      case "help", "--help", "-h" -> System.out.println(USAGE);
      default -> throw new UsageException("unknown command: " + command);
    }
    return 0;
  }

  private static Map<String, String> parse(String[] args, List<String> positional) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--")) {
        String key = a.substring(2);
        String value;
        int eq = key.indexOf('=');
        if (eq >= 0) {
          value = key.substring(eq + 1);
          key = key.substring(0, eq);
        } else {
          if (i + 1 >= args.length) {
            throw new UsageException("option --" + key + " needs a value");
          }
          value = args[++i];
        }
        options.put(key, value);
      } else {
        positional.add(a);
      }
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String v = options.get(name);
    if (v == null || v.isBlank()) {
      throw new UsageException("missing --" + name);
    }
    return v;
  }

  private static int intOption(Map<String, String> options, String name, int dflt) {
    String v = options.get(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number: " + v);
    }
  }

  private static void runKafka(Map<String, String> options) throws InterruptedException {
    int port = intOption(options, "port", 9092);
    int controllerPort = intOption(options, "controller-port", 9093);
    Path data = Path.of(required(options, "data"));
    long t0 = System.nanoTime();
    KafkaBroker broker = KafkaBroker.start(data, port, controllerPort);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("STOPPING kafka");
      broker.stop();
      System.out.println("STOPPED kafka");
      stopped.countDown();
    }, "kafka-stop"));
    System.out.println("READY kafka " + broker.bootstrapServers() + " (" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
    stopped.await();
  }

  private static void runMongo(Map<String, String> options) throws InterruptedException {
    int port = intOption(options, "port", 27017);
    Path data = Path.of(required(options, "data"));
    long t0 = System.nanoTime();
    MongoWireServer server = MongoWireServer.startH2(data, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("STOPPING mongo");
      server.stop();
      System.out.println("STOPPED mongo");
      stopped.countDown();
    }, "mongo-stop"));
    System.out.println("READY mongo " + server.connectionString() + " (" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
    stopped.await();
  }

  static String token(List<String> positional, Map<String, String> options, String envTownship) throws IOException {
    if (positional.size() != 1) {
      throw new UsageException("token needs exactly one ROLE (COUNTY, TOWNSHIP or ORGANIZATION)");
    }
    String role = positional.get(0).toUpperCase(Locale.ROOT);
    if (!Tokens.ROLES.contains(role)) {
      throw new UsageException("unknown role " + positional.get(0) + " (COUNTY, TOWNSHIP or ORGANIZATION)");
    }
    String org = options.get("org");
    String township = options.get("township");
    if (role.equals("ORGANIZATION") && (org == null || org.isBlank())) {
      throw new UsageException("ORGANIZATION tokens need --org ID");
    }
    if (!role.equals("ORGANIZATION")) {
      org = null;
    }
    if (role.equals("TOWNSHIP")) {
      if (township == null || township.isBlank()) {
        township = envTownship == null || envTownship.isBlank() ? DEFAULT_TOWNSHIP : envTownship;
      }
    } else {
      township = null;
    }
    String subject = options.getOrDefault("subject", "local-" + role.toLowerCase(Locale.ROOT));
    Duration ttl = Tokens.DEFAULT_TTL;
    if (options.containsKey("ttl-hours")) {
      try {
        ttl = Duration.ofSeconds(Math.round(Double.parseDouble(options.get("ttl-hours")) * 3600));
      } catch (NumberFormatException e) {
        throw new UsageException("--ttl-hours must be a number");
      }
      if (ttl.isNegative() || ttl.isZero()) {
        throw new UsageException("--ttl-hours must be positive");
      }
    }
    if (options.containsKey("key-file")) {
      SigningKey key = SigningKey.read(Path.of(options.get("key-file")));
      return Tokens.sign(key, options.getOrDefault("issuer", Tokens.ISSUER), subject, List.of(role), org, township, ttl,
          Clock.systemUTC());
    }
    Path secretFile = Path.of(required(options, "secret-file"));
    String secret = ensureSecret(secretFile);
    return Tokens.sign(secret, subject, List.of(role), org, township, ttl, Clock.systemUTC());
  }

  /** Reads the secret file, creating it (mode 600, {@link Tokens#newSecret()}) if missing. */
  static String ensureSecret(Path file) throws IOException {
    if (!Files.exists(file)) {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".jwt-secret", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(tmp, Tokens.newSecret() + "\n", StandardCharsets.US_ASCII);
        try {
          // no replace: if another process created it meanwhile, theirs wins
          Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException raced) {
          // keep the existing one
        } catch (UnsupportedOperationException | IOException noLinks) {
          if (!Files.exists(file)) {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
          }
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (secret.isEmpty()) {
      throw new IllegalStateException("secret file " + file + " is empty");
    }
    return secret;
  }

  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
