package village.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import village.devstack.LocalIssuer;

/**
 * The real gateway in front of two instances of partnership-service (stand-ins on real sockets, one comma list as the
 * launcher gives it): calls go to both; when one dies or hangs, its own breaker opens, the other's stays closed, every
 * GET is answered by the live one and a write that could not reach the dead one goes to the live one.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
class LoadBalancingIT {
  static final Backend ONE = new Backend("partnership-1");
  static final Backend TWO = new Backend("partnership-2");
  static final Backend OTHERS = new Backend("others");

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("village.security.jwt.jwk-set-uri", () -> LocalIssuer.get().jwkSetUri());
    r.add("village.gateway.services.partnership", () -> ONE.url() + "," + TWO.url());
    for (String s : List.of("project", "funds", "reporting", "identity", "imports")) r.add("village.gateway.services." + s, OTHERS::url);
    r.add("village.gateway.breaker.time-limit", () -> "3s");
    r.add("village.gateway.breaker.open-for", () -> "2s");
    r.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "1s");
  }

  @AfterAll
  static void stop() {
    for (Backend b : List.of(ONE, TWO, OTHERS)) b.close();
  }

  @AfterEach
  void backendsUp() {
    for (Backend b : List.of(ONE, TWO, OTHERS)) b.start();
    breakers.getCircuitBreakerRegistry().getAllCircuitBreakers().forEach(CircuitBreaker::reset); // each test from closed breakers
  }

  @Value("${local.server.port}")
  int port;
  @Autowired
  ReactiveResilience4JCircuitBreakerFactory breakers;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  int send(String method, String path, String role) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + GatewayIT.token(role)).header("Content-Type", "application/json")
        .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  CircuitBreaker.State breakerOf(Backend b) {
    String id = "partnership-service@127.0.0.1:" + URI.create(b.url()).getPort();
    return breakers.getCircuitBreakerRegistry().find(id).map(CircuitBreaker::getState).orElse(CircuitBreaker.State.CLOSED);
  }

  List<Integer> many(int n, String method, String role) {
    return IntStream.range(0, n).mapToObj(i -> send(method, "/api/villages", role)).toList();
  }

  @Test
  void oneInstanceDiesTheOtherAnswersEveryGetAndEveryWrite() {
    int one0 = ONE.calls.get(), two0 = TWO.calls.get();
    assertThat(many(10, "GET", "COUNTY")).containsOnly(200);
    assertThat(ONE.calls.get() - one0).as("round robin: both instances serve").isEqualTo(5);
    assertThat(TWO.calls.get() - two0).isEqualTo(5);

    ONE.stop();
    assertThat(many(20, "GET", "COUNTY")).as("each GET that met the dead instance was retried on the live one").containsOnly(200);
    int twoBeforeWrites = TWO.calls.get();
    assertThat(many(10, "POST", "TOWNSHIP")).as("a write refused at the dead instance's port never left: sent to the live one")
        .containsOnly(200);
    assertThat(TWO.calls.get() - twoBeforeWrites).as("each write reached the live instance exactly once").isEqualTo(10);
    assertThat(breakerOf(ONE)).as("the dead instance's own breaker").isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breakerOf(TWO)).as("the live instance's breaker is not opened by the other's failures").isEqualTo(CircuitBreaker.State.CLOSED);

    ONE.start();
    int one1 = ONE.calls.get();
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      assertThat(send("GET", "/api/villages", "COUNTY")).isEqualTo(200);
      assertThat(ONE.calls.get()).as("back after its breaker's open time").isGreaterThan(one1);
    });
  }

  @Test
  void aHangingInstanceOpensOnlyItsOwnBreakerAndGetsAreAnsweredByTheOther() {
    ONE.mode(Backend.Mode.HANG);
    assertThat(many(12, "GET", "COUNTY")).as("a GET timed out at the hanging instance is retried on the other").containsOnly(200);
    assertThat(breakerOf(ONE)).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breakerOf(TWO)).isEqualTo(CircuitBreaker.State.CLOSED);
    long t0 = System.nanoTime();
    assertThat(many(10, "GET", "COUNTY")).containsOnly(200);
    assertThat((System.nanoTime() - t0) / 1_000_000).as("with its breaker open the hanging one is not waited for (1 s time-out)")
        .isLessThan(1000);
  }
}
