package village.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import village.support.config.MongoWrites;
import village.support.config.VillageProperties;

class InfrastructureProblemsTest {
  static final VillageProperties PROPS = new VillageProperties(
      new VillageProperties.Mongodb("mongodb://x", "db", java.time.Duration.ofSeconds(3), java.time.Duration.ofSeconds(2),
          java.time.Duration.ofSeconds(8), java.time.Duration.ofSeconds(7), "majority", true),
      null, null, null, null, 1);
  final MongoWrites writes = new MongoWrites();
  final InfrastructureProblems advice = new InfrastructureProblems(writes, PROPS);

  @AfterEach
  void clear() {
    writes.reset();
  }

  static MockHttpServletRequest request(String method) {
    return new MockHttpServletRequest(method, "/api/things/1");
  }

  @Test
  void aReadGets503WithRetryAfterAndAProblem() {
    writes.attached();
    var r = advice.databaseUnavailable(new MongoSocketReadException("reset", new ServerAddress()), request("GET"));
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(r.getHeaders().getFirst("Retry-After")).isEqualTo("7");
    assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(r.getBody().getType().toString()).endsWith("/database-unavailable");
    assertThat(r.getBody().getDetail()).contains("unavailable").contains("Retry after 7 s").doesNotContain("stored");
    assertThat(r.getBody().getInstance().toString()).isEqualTo("/api/things/1");
  }

  @Test
  void aWriteBeforeAnyWriteCommandWasSentStoredNothing() {
    writes.attached();
    var r = advice.databaseUnavailable(new MongoTimeoutException("no server"), request("POST"));
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(r.getBody().getType().toString()).endsWith("/database-unavailable");
    assertThat(r.getBody().getDetail()).contains("nothing was stored");
    assertThat(r.getBody().getProperties()).containsEntry("outcome", "not-applied");
  }

  @Test
  void aWriteWhoseCommandWasSentHasAnUnknownOutcome() {
    for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
      writes.attached();
      writes.markSent();
      var r = advice.databaseUnavailable(new MongoSocketReadException("reset", new ServerAddress()), request(method));
      assertThat(r.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
      assertThat(r.getHeaders().getFirst("Retry-After")).isEqualTo("7");
      assertThat(r.getBody().getType().toString()).endsWith("/outcome-unknown");
      assertThat(r.getBody().getProperties()).containsEntry("outcome", "unknown");
      assertThat(r.getBody().getDetail()).contains("may or may not have been applied").contains("same Idempotency-Key is safe");
      writes.reset();
    }
  }

  @Test
  void withoutTrackingAWriteIsNeverClaimedNotApplied() {
    var r = advice.databaseUnavailable(new MongoTimeoutException("no server"), request("POST"));
    assertThat(r.getBody().getType().toString()).endsWith("/outcome-unknown");
  }
}
