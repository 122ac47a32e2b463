package village.support.references;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import village.devstack.StubServices;
import village.support.config.VillageProperties;
import village.support.web.ProblemException;

/**
 * A reference client over two instances of partnership-service, each a real HTTP server ({@link StubServices}):
 * when the first stops or hangs the checks answer from the second; a 404 is the answer of the one instance asked;
 * with both down it is the 503 problem with Retry-After, and both back the checks answer again.
 */
class ReferenceClientFailoverIT {
  static final Duration TIME_LIMIT = Duration.ofMillis(500);
  static final VillageProperties.References SETTINGS =
      new VillageProperties.References(Duration.ofMillis(300), TIME_LIMIT, 2, 10, 5, 50, Duration.ofSeconds(1), 32);

  StubServices first;
  StubServices second;
  ReferenceClient client;

  @BeforeEach
  void start() {
    first = StubServices.start().village("CG001", "城关镇").organization("org-1");
    second = StubServices.start().village("CG001", "城关镇").organization("org-1");
    client = new ReferenceClient("partnership-service", first.url() + "," + second.url(), SETTINGS);
  }

  @AfterEach
  void stop() {
    first.close();
    second.close();
  }

  @Test
  void bothInstancesAnswerInTurnAndA404IsTheAnswerOfTheOneAsked() {
    for (int i = 0; i < 4; i++) assertThat(client.exists("/api/organizations/org-1")).isTrue();
    assertThat(first.requests()).isEqualTo(2);
    assertThat(second.requests()).isEqualTo(2);

    int before = first.requests() + second.requests();
    assertThat(client.exists("/api/organizations/nobody")).isFalse();
    assertThat(first.requests() + second.requests()).as("a 404 is not a reason to ask elsewhere").isEqualTo(before + 1);
  }

  @Test
  void whenTheFirstStopsTheChecksAnswerFromTheSecond() {
    first.stop();
    for (int i = 0; i < 12; i++) {
      assertThat(client.exists("/api/organizations/org-1")).as("check " + i).isTrue();
      assertThat(client.get("/api/villages/CG001")).get().extracting(n -> n.path("township").asString()).isEqualTo("城关镇");
      assertThat(client.exists("/api/organizations/nobody")).isFalse();
    }
    assertThat(second.requests()).isEqualTo(36);
    assertThat(client.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void whenTheFirstHangsTheChecksAnswerFromTheSecondWithinTheTimeLimits() {
    first.hang();
    for (int i = 0; i < 2 * SETTINGS.minimumCalls(); i++) { // every other one starts at the first
      long t0 = System.nanoTime();
      assertThat(client.exists("/api/organizations/org-1")).isTrue();
      long millis = (System.nanoTime() - t0) / 1_000_000;
      assertThat(millis).as("the hanging instance's attempts, then the second").isLessThan(StubServices.HANG_MILLIS);
    }
    // the hanging instance's breaker has opened: the checks no longer wait for it
    long t0 = System.nanoTime();
    for (int i = 0; i < 4; i++) assertThat(client.exists("/api/organizations/org-1")).isTrue();
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(TIME_LIMIT.toMillis());
  }

  @Test
  void withBothDownItIsThe503ProblemAndBothBackItAnswersAgain() {
    first.stop();
    second.stop();
    ProblemException down = catchThrowableOfType(ProblemException.class, () -> client.exists("/api/organizations/org-1"));
    assertThat(down.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(down.headers()).containsKey("Retry-After");
    assertThat(down.getMessage()).contains("partnership-service", "nothing was stored");

    for (int i = 0; i < 5; i++) catchThrowableOfType(ProblemException.class, () -> client.exists("/api/organizations/org-1"));
    assertThat(client.state()).isEqualTo(CircuitBreaker.State.OPEN);
    ProblemException open = catchThrowableOfType(ProblemException.class, () -> client.exists("/api/organizations/org-1"));
    assertThat(open.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(open.getMessage()).contains("circuit open");

    second.answer();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> client.exists("/api/organizations/org-1"));
  }
}
