package village.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for partnership-service and project-service on a real socket, one server for both:
 * {@code GET /api/villages/{code}}, {@code /api/partnerships/{id}}, {@code /api/organizations/{id}} and
 * {@code /api/projects/{id}} from in-test
 * maps (404 for anything unknown). It can be switched to {@link #hang()} (every answer comes after 3 s) or
 * {@link #stop()} (the port is closed), and back to {@link #answer()} on the same port.
 */
public final class StubServices implements AutoCloseable {
  public static final long HANG_MILLIS = 3_000;

  private final Map<String, String> villages = new ConcurrentHashMap<>();
  private final Map<String, String> partnerships = new ConcurrentHashMap<>();
  private final Map<String, String> organizations = new ConcurrentHashMap<>();
  private final Map<String, String> projects = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "stub-partnership-service");
    t.setDaemon(true);
    return t;
  });
  private final int port;
  private volatile HttpServer server;
  private volatile CountDownLatch released = new CountDownLatch(1);
  private volatile boolean hanging;
  private volatile String lastAuthorization;

  private StubServices(int port) {
    this.server = bind(port);
    this.port = server.getAddress().getPort();
  }

  public static StubServices start() {
    return new StubServices(0);
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public StubServices village(String code, String township) {
    villages.put(code, "{\"code\":\"" + code + "\",\"name\":\"村" + code + "\",\"kind\":\"VILLAGE\",\"township\":\""
        + township + "\",\"county\":\"安平县\"}");
    return this;
  }

  public StubServices partnership(String id, String villageCode, String organizationId) {
    partnerships.put(id, "{\"id\":\"" + id + "\",\"villageCode\":\"" + villageCode + "\",\"organizationId\":\""
        + organizationId + "\",\"status\":\"ACTIVE\"}");
    return this;
  }

  public StubServices organization(String id) {
    organizations.put(id, "{\"id\":\"" + id + "\",\"name\":\"单位" + id + "\",\"type\":\"ENTERPRISE\"}");
    return this;
  }

  public StubServices project(String id, String township, String... villageCodes) {
    StringBuilder codes = new StringBuilder();
    for (String c : villageCodes) codes.append(codes.length() == 0 ? "" : ",").append('"').append(c).append('"');
    projects.put(id, "{\"id\":\"" + id + "\",\"township\":\"" + township + "\",\"villageCodes\":[" + codes + "]}");
    return this;
  }

  /** Every answer from now on comes after {@link #HANG_MILLIS}. */
  public synchronized void hang() {
    hanging = true;
  }

  /** Closes the port: connections are refused. */
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Answers promptly again (re-opening the same port if it was stopped); hanging requests are released. */
  public synchronized void answer() {
    hanging = false;
    released.countDown();
    released = new CountDownLatch(1);
    if (server == null) server = bind(port);
  }

  public int requests() {
    return requests.get();
  }

  public String lastAuthorization() {
    return lastAuthorization;
  }

  @Override
  public synchronized void close() {
    released.countDown();
    stop();
    pool.shutdownNow();
  }

  private HttpServer bind(int p) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 50);
      s.createContext("/api/", this::handle);
      s.setExecutor(pool);
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    lastAuthorization = ex.getRequestHeaders().getFirst("Authorization");
    try (ex) {
      if (hanging) {
        try {
          released.await(HANG_MILLIS, TimeUnit.MILLISECONDS); // a slow backend, not a test wait
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      String[] parts = ex.getRequestURI().getPath().split("/");
      String body = null;
      if (parts.length == 4 && "GET".equals(ex.getRequestMethod())) {
        body = switch (parts[2]) {
          case "villages" -> villages.get(parts[3]);
          case "partnerships" -> partnerships.get(parts[3]);
          case "organizations" -> organizations.get(parts[3]);
          case "projects" -> projects.get(parts[3]);
          default -> null;
        };
      }
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
    } catch (IOException e) {
      // the client gave up waiting: expected while hanging
    }
  }
}
