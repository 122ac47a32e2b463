package village.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in service on a real socket that echoes what reached it ({@code {service, method, path, requestId,
 * authorization, contentType, bodyBytes}}); it can answer 500s or 502s, answer slowly, hang, or stop listening, and
 * recover on the same port. A "poison" request (query {@code poison=400|415|500}) is answered with that status, as a
 * service answers a caller's bad request.
 */
final class Backend implements AutoCloseable {
  enum Mode { ECHO, FAIL_500, FAIL_502, HANG, SLOW }

  static final long SLOW_MILLIS = 400;

  record Seen(String method, String path, String requestId) {}

  final String name;
  private final int port;
  private volatile HttpServer server;
  private volatile Mode mode = Mode.ECHO;
  private volatile CountDownLatch released = new CountDownLatch(1);
  final AtomicInteger calls = new AtomicInteger();
  final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();

  Backend(String name) {
    this.name = name;
    this.server = bind(0);
    this.port = server.getAddress().getPort();
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  void mode(Mode m) {
    mode = m;
    if (m != Mode.HANG) {
      released.countDown();
      released = new CountDownLatch(1);
    }
  }

  synchronized void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  synchronized void start() {
    mode(Mode.ECHO);
    if (server == null) server = bind(port);
  }

  @Override
  public void close() {
    released.countDown();
    stop();
  }

  private HttpServer bind(int p) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 100);
      s.createContext("/", this::handle);
      s.setExecutor(Executors.newCachedThreadPool());
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      calls.incrementAndGet();
      int bodyBytes = ex.getRequestBody().readAllBytes().length;
      String path = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
      String requestId = ex.getRequestHeaders().getFirst("X-Request-Id");
      seen.add(new Seen(ex.getRequestMethod(), path, requestId));
      if (mode == Mode.HANG) {
        try {
          released.await(30, TimeUnit.SECONDS); // a stuck backend
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (mode == Mode.SLOW) {
        try {
          Thread.sleep(SLOW_MILLIS); // busy, but answering well within the time limit
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (mode == Mode.FAIL_500 || mode == Mode.FAIL_502) {
        ex.sendResponseHeaders(mode == Mode.FAIL_500 ? 500 : 502, -1);
        return;
      }
      String query = ex.getRequestURI().getRawQuery();
      if (query != null && query.matches("(.*&)?poison=\\d{3}(&.*)?")) {
        int status = Integer.parseInt(query.replaceAll(".*poison=(\\d{3}).*", "$1"));
        byte[] problem = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/problem+json");
        ex.sendResponseHeaders(status, problem.length);
        ex.getResponseBody().write(problem);
        return;
      }
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      byte[] body = ("{\"service\":\"" + name + "\",\"method\":\"" + ex.getRequestMethod() + "\",\"path\":\"" + path
          + "\",\"requestId\":\"" + requestId + "\",\"authorization\":" + (auth != null) + ",\"contentType\":\""
          + ex.getRequestHeaders().getFirst("Content-Type") + "\",\"bodyBytes\":" + bodyBytes + "}").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      if (requestId != null) ex.getResponseHeaders().set("X-Request-Id", requestId); // as the real services do
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    } catch (IOException e) {
      // the gateway gave up: expected while hanging
    }
  }
}
