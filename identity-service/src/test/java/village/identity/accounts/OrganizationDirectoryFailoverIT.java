package village.identity.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import village.devstack.StubServices;
import village.identity.keys.ServiceTokens;
import village.identity.support.IdentityProperties;
import village.support.web.ProblemException;

/** identity-service's organization look-up over two real partnership-service stand-ins: the second answers for the first. */
class OrganizationDirectoryFailoverIT {
  StubServices first;
  StubServices second;
  OrganizationDirectory directory;

  @BeforeEach
  void start() {
    first = StubServices.start().organization("org-1");
    second = StubServices.start().organization("org-1");
    ServiceTokens tokens = mock(ServiceTokens.class); // the token's signing is IdentityServiceIT's subject
    when(tokens.county()).thenReturn("county-token");
    IdentityProperties props = new IdentityProperties(null, null, null, first.url() + "," + second.url(),
        Duration.ofMinutes(15), Duration.ofHours(8), Duration.ofHours(13),
        new IdentityProperties.Gateway("gateway", "secret", List.of("http://localhost/"), List.of("http://localhost/")));
    directory = new OrganizationDirectory(props, tokens);
  }

  @AfterEach
  void stop() {
    first.close();
    second.close();
  }

  @Test
  void theFirstAnswersAndA404IsTheAnswer() {
    assertThat(directory.exists("org-1")).isTrue();
    assertThat(directory.exists("nobody")).isFalse();
    assertThat(first.requests()).isEqualTo(2);
    assertThat(second.requests()).as("an answer, a 404 too, is not a reason to ask elsewhere").isZero();
    assertThat(first.lastAuthorization()).isEqualTo("Bearer county-token");
  }

  @Test
  void whenTheFirstStopsTheSecondAnswersAndWithBothDownItIsA503() {
    first.stop();
    assertThat(directory.exists("org-1")).isTrue();
    assertThat(directory.exists("nobody")).isFalse();
    assertThat(second.requests()).isEqualTo(2);

    second.stop();
    ProblemException down = catchThrowableOfType(ProblemException.class, () -> directory.exists("org-1"));
    assertThat(down.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(down.headers()).containsKey("Retry-After");
    assertThat(down.getMessage()).contains("partnership-service");
  }
}
