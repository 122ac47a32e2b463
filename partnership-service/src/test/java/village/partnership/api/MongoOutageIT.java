package village.partnership.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import village.devstack.Api;
import village.devstack.MongoWireServer;
import village.devstack.RealInfrastructure;

/**
 * The service's own database goes away and comes back: a mongo-java-server of this test's own (H2 file, fixed port)
 * is stopped under the running service. Every request then gets 503 + Retry-After + problem+json (never 500),
 * nothing is stored, health says mongo DOWN; the server started again on the same port → the same service answers
 * again, without a restart.
 */
@ExtendWith(RealInfrastructure.class)
@SpringBootTest(webEnvironment = RANDOM_PORT)
class MongoOutageIT {
  static final String TOWNSHIP = Api.township("城关镇");
  static final String COUNTY = Api.county();
  static Path file;
  static int mongoPort;
  static MongoWireServer mongo;

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) throws IOException {
    file = Files.createTempDirectory("village-mongo-outage-").resolve("village.mv");
    mongo = MongoWireServer.startH2(file, 0);
    mongoPort = mongo.port();
    RealInfrastructure.properties(MongoOutageIT.class).forEach((k, v) -> r.add(k, () -> v));
    r.add("village.mongodb.uri", () -> "mongodb://127.0.0.1:" + mongoPort);
  }

  @AfterAll
  static void stop() {
    if (mongo != null) mongo.stop();
  }

  @Value("${local.server.port}")
  int port;

  @Test
  void whileMongoIsDownRequestsGet503AndAfterItReturnsTheyWorkAgain() {
    Api api = new Api(port);
    Api.Response created = api.post("/api/organizations", TOWNSHIP, organization("安平县丝网有限公司"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asString();
    assertThat(total(api)).isEqualTo(1);

    mongo.stop();

    // the first call may meet a pooled connection the server closed; whatever the driver says, it is a 503
    Api.Response first = api.get("/api/organizations/" + id, COUNTY);
    assertUnavailable(first);
    Api.Response read = api.get("/api/organizations/" + id, COUNTY);
    assertUnavailable(read);
    assertThat(read.json().path("type").asString()).endsWith("/database-unavailable");
    assertUnavailable(api.get("/api/organizations", COUNTY));

    String key = "outage-" + UUID.randomUUID();
    var body = organization("安平县滹沱河合作社");
    Api.Response write = api.post("/api/organizations", TOWNSHIP, body, "Idempotency-Key", key);
    assertUnavailable(write);
    // no server to send the insert to: the service knows nothing was stored
    assertThat(write.json().path("type").asString()).endsWith("/database-unavailable");
    assertThat(write.json().path("outcome").asString()).isEqualTo("not-applied");
    assertThat(write.json().path("detail").asString()).contains("nothing was stored");

    Api.Response health = api.get("/actuator/health", Api.county()); // details only for COUNTY
    assertThat(health.status()).isEqualTo(503);
    assertThat(health.json().path("components").path("mongo").path("status").asString()).isEqualTo("DOWN");

    mongo = MongoWireServer.startH2(file, mongoPort);

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> api.get("/api/organizations/" + id, COUNTY).status() == 200);
    assertThat(total(api)).as("the refused write stored nothing").isEqualTo(1);
    Api.Response retried = api.post("/api/organizations", TOWNSHIP, body, "Idempotency-Key", key);
    assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
    Api.Response again = api.post("/api/organizations", TOWNSHIP, body, "Idempotency-Key", key);
    assertThat(again.status()).as(again.toString()).isIn(200, 201);
    assertThat(again.json().path("id").asString()).isEqualTo(retried.json().path("id").asString());
    assertThat(total(api)).isEqualTo(2);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
      Api.Response h = api.get("/actuator/health", Api.county());
      return h.json().path("components").path("mongo").path("status").asString().equals("UP");
    });
  }

  static Map<String, Object> organization(String name) {
    return Map.of("name", name, "type", "ENTERPRISE", "creditCode", PartnershipApiIT.creditCode());
  }

  static int total(Api api) {
    Api.Response r = api.get("/api/organizations?size=500", COUNTY);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().path("total").asInt();
  }

  static void assertUnavailable(Api.Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(503);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().path("status").asInt()).isEqualTo(503);
    assertThat(r.header("Retry-After")).isNotBlank();
    assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
    assertThat(r.json().path("type").asString()).matches(".*/(database-unavailable|outcome-unknown)");
  }
}
