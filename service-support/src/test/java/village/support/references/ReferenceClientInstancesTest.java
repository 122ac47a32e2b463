package village.support.references;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

/** Which instance a reference check asks, and which failures send it on to the next one. */
class ReferenceClientInstancesTest {
  @Test
  void aCommaListIsTheInstancesAndOneUrlIsAListOfOne() {
    assertThat(ReferenceClient.baseUrls("http://a:1")).containsExactly("http://a:1");
    assertThat(ReferenceClient.baseUrls(" http://a:1 , http://b:2,,http://a:1 ")).containsExactly("http://a:1", "http://b:2");
    assertThatThrownBy(() -> ReferenceClient.baseUrls(" , ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReferenceClient.baseUrls(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCallsStartAtTheInstancesInTurnAndAskEachOnce() {
    assertThat(ReferenceClient.order(0, 1)).containsExactly(0);
    assertThat(ReferenceClient.order(7, 1)).containsExactly(0);
    assertThat(ReferenceClient.order(0, 3)).containsExactly(0, 1, 2);
    assertThat(ReferenceClient.order(1, 3)).containsExactly(1, 2, 0);
    assertThat(ReferenceClient.order(5, 3)).containsExactly(2, 0, 1);
    // the counter overflowing stays a valid rotation
    assertThat(ReferenceClient.order(Integer.MIN_VALUE, 2)).containsExactly(0, 1);
    assertThat(ReferenceClient.order(-1, 2)).containsExactly(1, 0);
  }

  @Test
  void anInstanceThatCannotAnswerSendsTheCallOnAndAnAnswerDoesNot() {
    assertThat(ReferenceClient.cannotAnswer(new ResourceAccessException("refused", new ConnectException()))).isTrue();
    assertThat(ReferenceClient.cannotAnswer(new ResourceAccessException("timed out", new IOException()))).isTrue();
    assertThat(ReferenceClient.cannotAnswer(CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("x")))).isTrue();
    for (HttpStatus s : new HttpStatus[] {HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT}) {
      assertThat(ReferenceClient.cannotAnswer(server(s))).as(s.toString()).isTrue();
    }
    assertThat(ReferenceClient.cannotAnswer(server(HttpStatus.INTERNAL_SERVER_ERROR))).isFalse();
    assertThat(ReferenceClient.cannotAnswer(new ReferenceClient.Missing())).isFalse();
    for (HttpStatus s : new HttpStatus[] {HttpStatus.NOT_FOUND, HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN}) {
      assertThat(ReferenceClient.cannotAnswer(HttpClientErrorException.create(s, s.getReasonPhrase(), HttpHeaders.EMPTY,
          new byte[0], StandardCharsets.UTF_8))).as(s.toString()).isFalse();
    }
  }

  private static HttpServerErrorException server(HttpStatus s) {
    return HttpServerErrorException.create(s, s.getReasonPhrase(), HttpHeaders.EMPTY, new byte[0], StandardCharsets.UTF_8);
  }
}
