package village.project.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import village.devstack.RealInfrastructure;
import village.devstack.Api;
import village.devstack.StubServices;

/**
 * partnership-service stops answering: creating a project fails with 503 + Retry-After and stores nothing; after a few
 * failures the breaker opens and creates fail fast without calling it; when it answers again, creates succeed again
 * without restarting anything. The reference check has a 1 s time limit; the breaker waits 1 s here before trying again.
 */
@ExtendWith(RealInfrastructure.class)
@SpringBootTest(webEnvironment = RANDOM_PORT)
class PartnershipServiceOutageIT {
  static final String HOME = "城关镇";
  static final StubServices STUB = StubServices.start().village("CG001", HOME).organization("org-1");
  static final Duration TIME_LIMIT = Duration.ofSeconds(1);

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    RealInfrastructure.properties(PartnershipServiceOutageIT.class).forEach((k, v) -> r.add(k, () -> v));
    r.add("village.project.partnership-service-url", STUB::url);
    r.add("village.references.timeout", () -> TIME_LIMIT.toMillis() + "ms");
    r.add("village.references.open-for", () -> "1s");
  }

  @AfterAll
  static void stopStub() {
    STUB.close();
  }

  @Value("${local.server.port}")
  int port;

  static Map<String, Object> project() {
    return Map.of("name", "停服测试项目", "industry", "VEGETABLES", "villageCodes", List.of("CG001"),
        "scale", Map.of("quantity", 10, "unit", "MU"), "plannedInvestment", "1000.00", "startDate", "2024-03-01");
  }

  long projects(Api api) {
    return api.get("/api/projects?villageCode=CG001", Api.county()).json().path("total").asLong();
  }

  @Test
  void aHangingPartnershipServiceFailsFastThenRecovers() {
    Api api = new Api(port);
    String township = Api.township(HOME);
    assertThat(api.post("/api/projects", township, project()).status()).isEqualTo(201);
    long before = projects(api);

    STUB.hang();
    int callsBefore = STUB.requests();
    for (int i = 0; i < 5; i++) { // the breaker's minimum number of calls
      long t0 = System.nanoTime();
      Api.Response r = api.post("/api/projects", township, project());
      long millis = (System.nanoTime() - t0) / 1_000_000;
      assertThat(r.status()).as(r.toString()).isEqualTo(503);
      assertThat(r.header("Retry-After")).isNotBlank();
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      assertThat(millis).as("bounded by the time limit and the retries").isLessThan(4 * TIME_LIMIT.toMillis());
    }
    assertThat(STUB.requests()).as("the GET was retried").isGreaterThan(callsBefore + 5);
    // the breaker is open now: no call reaches partnership-service and the answer is immediate
    int callsWhenOpen = STUB.requests();
    long t0 = System.nanoTime();
    Api.Response fast = api.post("/api/projects", township, project());
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(fast.status()).isEqualTo(503);
    assertThat(millis).as("fast while open").isLessThan(TIME_LIMIT.toMillis() / 2);
    assertThat(STUB.requests()).isEqualTo(callsWhenOpen);
    assertThat(projects(api)).as("nothing stored").isEqualTo(before);

    STUB.answer();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
        .until(() -> api.post("/api/projects", township, project()).status() == 201);
    assertThat(projects(api)).isEqualTo(before + 1);
  }

  @Test
  void aRefusedConnectionIsA503TooAndNothingIsStored() {
    Api api = new Api(port);
    String township = Api.township(HOME);
    long before = projects(api);
    STUB.stop();
    Api.Response r = api.post("/api/projects", township, project());
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.json().path("detail").asString()).contains("partnership-service");
    assertThat(projects(api)).isEqualTo(before);
    STUB.answer();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
        .until(() -> api.post("/api/projects", township, project()).status() == 201);
  }
}
