package village.funds.fund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import village.devstack.Api;
import village.devstack.RealInfrastructure;
import village.devstack.StubServices;

/**
 * funds-service as service-support wires it: its relay sends watermarks, {@code GET /internal/outbox} reports them,
 * and the watermark passes a write once its event is on Kafka.
 */
@ExtendWith(RealInfrastructure.class)
@SpringBootTest(webEnvironment = RANDOM_PORT)
class OutboxFreshnessIT {
  static final StubServices STUB = StubServices.start().village("CG001", "城关镇").organization("org-1");
  static final String TOWNSHIP = Api.township("城关镇");

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    RealInfrastructure.properties(OutboxFreshnessIT.class).forEach((k, v) -> r.add(k, () -> v));
    r.add("village.funds.partnership-service-url", STUB::url);
    r.add("village.funds.project-service-url", STUB::url);
  }

  @AfterAll
  static void stopStub() {
    STUB.close();
  }

  @Value("${local.server.port}")
  int port;

  JsonNode backlog() {
    var r = new Api(port).get("/internal/outbox", null);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  static Instant acknowledgedUpTo(JsonNode b) {
    String s = b.path("watermark").path("lastAcknowledgedUpTo").asString(null);
    return s == null ? Instant.EPOCH : Instant.parse(s);
  }

  static Map<String, Object> fund() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", "FISCAL");
    m.put("investorOrganizationId", "org-1");
    m.put("villageCode", "CG001");
    m.put("committedAmount", "100.00");
    m.put("committedOn", "2023-03-01");
    return m;
  }

  @Test
  void watermarksFlowAndPassAWriteOnceItsEventIsPublished() {
    JsonNode first = backlog();
    assertThat(first.path("service").asString()).isEqualTo("funds-service");
    await().atMost(Duration.ofSeconds(60)).until(() -> acknowledgedUpTo(backlog()).isAfter(Instant.EPOCH));
    assertThat(backlog().path("sweptOnce").asBoolean()).isTrue();

    Instant beforeWrite = Instant.now();
    var created = new Api(port).post("/api/funds", TOWNSHIP, fund());
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(60)).until(() -> acknowledgedUpTo(backlog()).isAfter(beforeWrite));

    await().atMost(Duration.ofSeconds(60)).until(() -> backlog().path("waitingEvents").asInt() == 0);
  }
}
