package village.imports.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The import's client against a real HTTP server on a socket: what it retries, what it gives up on, what it returns. */
class ServiceClientTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final List<String> keys = new CopyOnWriteArrayList<>();
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private HttpServer server;

  /** A server answering {@code statuses} in turn (the last one from then on) to POST /api/funds. */
  private String serve(int... statuses) throws Exception {
    AtomicInteger n = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/funds", ex -> {
      keys.add(ex.getRequestHeaders().getFirst("Idempotency-Key"));
      int status = statuses[Math.min(n.getAndIncrement(), statuses.length - 1)];
      byte[] body = (status < 300 ? "{\"id\":\"f1\"}" : "{\"detail\":\"busy\"}").getBytes(StandardCharsets.UTF_8);
      if (status == 503) ex.getResponseHeaders().add("Retry-After", "0");
      ex.sendResponseHeaders(status, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    if (server != null) server.stop(0);
  }

  private ServiceClient client(String url, Duration retryFor) {
    return new ServiceClient(HTTP, "funds-service", url, "token", "job-1",
        new Patience(retryFor, Duration.ofMillis(20), Duration.ofMillis(100), heard::add));
  }

  @Test
  void aServiceThatIsBackSoonGetsTheSameWriteAgainAndItsAnswerIsKept() throws Exception {
    String url = serve(503, 502, 429, 201);
    ServiceClient.Response r = client(url, Duration.ofSeconds(10)).send("POST", "/api/funds", Map.of("a", 1), "key-7");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body().path("id").asString()).isEqualTo("f1");
    assertThat(keys).containsExactly("key-7", "key-7", "key-7", "key-7");
    assertThat(heard).hasSize(3).first().asString().contains("funds-service answered 503").contains("try 2");
  }

  @Test
  void aServiceStillDownAfterTheWaitIsUnavailableSayingHowLongItWasTried() throws Exception {
    String url = serve(504);
    assertThatThrownBy(() -> client(url, Duration.ofMillis(300)).send("POST", "/api/funds", Map.of(), "k"))
        .isInstanceOf(ServiceClient.Unavailable.class).hasMessageContaining("funds-service answered 504").hasMessageContaining("times over");
    assertThat(keys.size()).isBetween(3, 10);
  }

  @Test
  void anInternalErrorIsNotTriedAgain() throws Exception {
    String url = serve(500, 201);
    assertThatThrownBy(() -> client(url, Duration.ofSeconds(10)).send("POST", "/api/funds", Map.of(), "k"))
        .isInstanceOf(ServiceClient.Unavailable.class).hasMessageContaining("answered 500");
    assertThat(keys).hasSize(1);
    assertThat(heard).isEmpty();
  }

  @Test
  void aRefusalIsTheAnswerNotARetry() throws Exception {
    String url = serve(422, 201);
    ServiceClient.Response r = client(url, Duration.ofSeconds(10)).send("POST", "/api/funds", Map.of(), "k");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.detail()).isEqualTo("busy");
    assertThat(keys).hasSize(1);
  }

  @Test
  void aServiceNotListeningIsTriedUntilTheWaitRunsOut() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThatThrownBy(() -> client("http://127.0.0.1:" + port, Duration.ofMillis(200)).send("GET", "/api/funds", null, null))
        .isInstanceOf(ServiceClient.Unavailable.class).hasMessageContaining("did not answer GET /api/funds");
    assertThat(heard).isNotEmpty();
  }

  @Test
  void withoutPatienceTheFirstFailureIsFinal() throws Exception {
    String url = serve(503, 201);
    ServiceClient c = new ServiceClient(HTTP, "funds-service", url, "token", "job-1", Patience.NONE);
    assertThatThrownBy(() -> c.send("POST", "/api/funds", Map.of(), "k")).isInstanceOf(ServiceClient.Unavailable.class);
    assertThat(keys).hasSize(1);
  }

  @Test
  void pausesDoubleUpToTheLongestAndHonourRetryAfterWithinIt() {
    Patience p = new Patience(Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(15), m -> {});
    assertThat(p.pause(1, Duration.ZERO, null)).isEqualTo(Duration.ofMillis(500));
    assertThat(p.pause(2, Duration.ZERO, null)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.pause(4, Duration.ZERO, null)).isEqualTo(Duration.ofSeconds(4));
    assertThat(p.pause(30, Duration.ZERO, null)).isEqualTo(Duration.ofSeconds(15));
    assertThat(p.pause(1, Duration.ZERO, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    assertThat(p.pause(1, Duration.ZERO, Duration.ofSeconds(600))).isEqualTo(Duration.ofSeconds(15));
    assertThat(p.pause(1, Duration.ofSeconds(59), null)).isEqualTo(Duration.ofMillis(500));
    assertThat(p.pause(1, Duration.ofMillis(59_600), null)).isNull();
    assertThat(Patience.retryAfter("12")).isEqualTo(Duration.ofSeconds(12));
    assertThat(Patience.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
  }
}
