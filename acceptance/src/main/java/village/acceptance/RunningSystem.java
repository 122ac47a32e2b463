package village.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import village.devstack.SigningKey;
import village.devstack.Tokens;

/**
 * The whole system as separate processes, started once per test JVM with the real launcher ({@code ./village up})
 * on the embedded stack, in its own data folder under {@code target/} and on its own ports (10000 above the
 * defaults, so a system a developer is running is left alone), and stopped with {@code ./village down} when the
 * JVM exits. {@code VILLAGE_ACCEPTANCE_GATEWAY_URL} (with {@code VILLAGE_ACCEPTANCE_KEY_FILE}, that system's
 * {@code data/identity-signing-key.json}, and {@code IDENTITY_ISSUER_URI}) points the suite at a system that is
 * already running instead. {@code MONGODB_URI} / {@code KAFKA_BOOTSTRAP_SERVERS} pass through to the launcher.
 */
public final class RunningSystem {
  /** 10000, or {@code VILLAGE_ACCEPTANCE_PORT_OFFSET} (to run two suites side by side on one machine). */
  private static final int ACCEPTANCE_PORT_OFFSET = portOffset();
  private static final Map<String, Integer> DEFAULT_PORTS = Map.of("GATEWAY_PORT", 8080, "PARTNERSHIP_PORT", 8081,
      "PROJECT_PORT", 8082, "FUNDS_PORT", 8083, "REPORTING_PORT", 8084, "IDENTITY_PORT", 8085, "IMPORT_PORT", 8086, "KAFKA_PORT", 9092,
      "KAFKA_CONTROLLER_PORT", 9093, "MONGO_PORT", 27017);
  private static RunningSystem instance;

  public final String gatewayUrl;
  /** The identity provider's signing key, as the launcher's {@code ./village token} uses it. */
  public final SigningKey signingKey;
  public final String issuer;
  public final Http http;
  private final Path repo;
  private final Map<String, String> env;

  private RunningSystem(String gatewayUrl, SigningKey signingKey, String issuer, Path repo, Map<String, String> env) {
    this.gatewayUrl = gatewayUrl;
    this.signingKey = signingKey;
    this.issuer = issuer;
    this.http = new Http(gatewayUrl);
    this.repo = repo;
    this.env = env;
  }

  /**
   * The acceptance suite's port offset: 10000, or {@code VILLAGE_ACCEPTANCE_PORT_OFFSET}; the systems the fault
   * suite and the two-of-everything test start for themselves sit a few hundred ports above it.
   */
  public static int portOffset() {
    String v = System.getenv("VILLAGE_ACCEPTANCE_PORT_OFFSET");
    return v == null || v.isBlank() ? 10000 : Integer.parseInt(v.trim());
  }

  /** The system for the acceptance suite (one per JVM). */
  public static synchronized RunningSystem get() {
    if (instance == null) {
      String external = System.getenv("VILLAGE_ACCEPTANCE_GATEWAY_URL");
      instance = external != null && !external.isBlank()
          ? new RunningSystem(external, key(Path.of(require("VILLAGE_ACCEPTANCE_KEY_FILE"))),
              System.getenv().getOrDefault("IDENTITY_ISSUER_URI", "http://localhost:8085"), null, externalEnv())
          : start("village-system", ACCEPTANCE_PORT_OFFSET);
    }
    return instance;
  }

  /**
   * Starts a fresh system with {@code ./village up}: data in {@code acceptance/target/<name>} (emptied first), every
   * port {@code portOffset} above its default; {@code ./village down} when the JVM exits.
   */
  public static RunningSystem start(String name, int portOffset) {
    return start(name, portOffset, Map.of());
  }

  /** As {@link #start(String, int)}, with more launcher settings (e.g. {@code VILLAGE_INSTANCES=2}), kept for every later {@link #village} call. */
  public static RunningSystem start(String name, int portOffset, Map<String, String> launcherEnv) {
    Path repo = repoRoot();
    Path target = repo.resolve("acceptance/target");
    Path data = target.resolve(name);
    Map<String, String> env = env(data, portOffset);
    env.putAll(launcherEnv);
    run(repo, env, target.resolve(name + "-down-before.log"), Duration.ofMinutes(2), "down"); // leftovers of an aborted run
    deleteTree(data);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> run(repo, env, target.resolve(name + "-down.log"),
        Duration.ofMinutes(2), "down"), "village-down"));
    // two tiers (Kafka and Mongo, then the services), each allowed VILLAGE_TIMEOUT by the launcher
    Duration upLimit = Duration.ofSeconds(Math.max(8 * 60, 2L * Integer.parseInt(env.get("VILLAGE_TIMEOUT")) + 120));
    int exit = run(repo, env, target.resolve(name + "-up.log"), upLimit, "up");
    if (exit != 0) {
      throw new IllegalStateException("./village up failed (exit " + exit + "):\n" + tail(target.resolve(name + "-up.log")));
    }
    return new RunningSystem("http://127.0.0.1:" + (8080 + portOffset), key(data.resolve("identity-signing-key.json")),
        "http://localhost:" + env.get("IDENTITY_PORT"), repo, env);
  }

  /** Runs {@code ./village ARGS} against this system (e.g. stopping one component); the exit code. */
  public int village(Duration limit, Map<String, String> extraEnv, String... args) {
    if (repo == null) throw new IllegalStateException("not started by this JVM");
    Map<String, String> all = new LinkedHashMap<>(env);
    all.putAll(extraEnv);
    Path log = villageLog(args);
    return run(repo, all, log, limit, args);
  }

  /** Where {@link #village} wrote the output of {@code ./village ARGS}. */
  public Path villageLog(String... args) {
    return repo.resolve("acceptance/target/village-" + String.join("-", args) + ".log");
  }

  /** Whether this JVM started the system (so its data folder, logs and broker are at hand). */
  public boolean startedHere() {
    return repo != null;
  }

  /** The port of a component of this system (GATEWAY_PORT, PARTNERSHIP_PORT, …, KAFKA_PORT, MONGO_PORT). */
  public int port(String variable) {
    String v = env.get(variable);
    return v != null ? Integer.parseInt(v) : DEFAULT_PORTS.get(variable);
  }

  /** The folder with the data, logs and pid files of a system this JVM started. */
  public Path dataDir() {
    return Path.of(env.get("VILLAGE_DATA_DIR"));
  }

  public String token(String subject, String role, String org, String township) {
    return Tokens.sign(signingKey, issuer, subject, List.of(role), org, township, Duration.ofHours(1), null);
  }

  public DemoLoader demoLoader() {
    return new DemoLoader(gatewayUrl, signingKey, issuer, System.out);
  }

  private static Map<String, String> env(Path data, int portOffset) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("VILLAGE_DATA_DIR", data.toString());
    String timeout = System.getenv("VILLAGE_TIMEOUT"); // a slow machine may need more than 300 s per component
    env.put("VILLAGE_TIMEOUT", timeout != null && timeout.matches("[0-9]+") && Integer.parseInt(timeout) > 300 ? timeout : "300");
    DEFAULT_PORTS.forEach((k, v) -> env.put(k, Integer.toString(v + portOffset)));
    return env;
  }

  private static int run(Path repo, Map<String, String> env, Path log, Duration limit, String... args) {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(repo.resolve("village").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("village")) && Files.isDirectory(p.resolve("acceptance"))) return p;
    }
    throw new IllegalStateException("cannot find the repository root (with ./village) above " + Path.of("").toAbsolutePath());
  }

  private static String require(String name) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) throw new IllegalStateException(name + " must be set with VILLAGE_ACCEPTANCE_GATEWAY_URL");
    return v;
  }

  /** Of a system started elsewhere: its ports ({@code *_PORT}) and {@code VILLAGE_DATA_DIR}, as far as they are set. */
  private static Map<String, String> externalEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    System.getenv().forEach((k, v) -> {
      if (DEFAULT_PORTS.containsKey(k) || k.equals("VILLAGE_DATA_DIR")) env.put(k, v);
    });
    return env;
  }

  private static SigningKey key(Path file) {
    try {
      return SigningKey.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tail(Path p) {
    try {
      List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
