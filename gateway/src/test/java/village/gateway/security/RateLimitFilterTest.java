package village.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import village.gateway.GatewayProperties;

class RateLimitFilterTest {
  private final AtomicLong nanos = new AtomicLong(1);
  private final RateLimitFilter filter = new RateLimitFilter(new GatewayProperties.RateLimit(10, 2), nanos::get);

  private HttpStatus call(String subject) {
    ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/villages"))
        .mutate().principal(Mono.just((Principal) () -> subject)).build();
    filter.filter(exchange, e -> Mono.empty()).block();
    HttpStatus status = (HttpStatus) exchange.getResponse().getStatusCode();
    return status == null ? HttpStatus.OK : status;
  }

  @Test
  void aSubjectOverItsBurstGets429AndOthersDoNot() {
    assertThat(call("a")).isEqualTo(HttpStatus.OK);
    assertThat(call("a")).isEqualTo(HttpStatus.OK);
    assertThat(call("a")).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(call("b")).isEqualTo(HttpStatus.OK);
  }

  @Test
  void bucketsOfIdleSubjectsAreForgottenSoNewSubjectsCannotGrowMemory() {
    for (int i = 0; i < 1000; i++) call("subject-" + i);
    assertThat(filter.subjects()).isEqualTo(1000);
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(3)); // burst 2 at 10/s refills in 0.2 s; forgotten after 1.2 s idle
    assertThat(filter.subjects()).isZero();
  }

  @Test
  void aForgottenBucketWasFullAnywaySoForgettingChangesNoAnswer() {
    call("a");
    call("a");
    assertThat(call("a")).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(3));
    assertThat(call("a")).isEqualTo(HttpStatus.OK);
    assertThat(call("a")).isEqualTo(HttpStatus.OK);
    assertThat(call("a")).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
  }
}
