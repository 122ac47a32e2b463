package village.identity.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;
import village.identity.accounts.Account;
import village.identity.accounts.PasswordSignIn;
import village.support.security.Role;

/** What a sign-in keeps in its session goes through the store's serialization and allow-list; attribute names as fields. */
class MongoSessionsTest {

  @Test
  void attributeNamesBecomeFieldNamesWithoutDotsOrADollarAndBack() {
    for (String name : List.of("SPRING_SECURITY_CONTEXT", "org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN",
        "$where", "a%2Eb", "100%", "登录.状态", "")) {
      String field = MongoSessions.escape(name);
      assertThat(field).doesNotContain(".").doesNotStartWith("$");
      assertThat(MongoSessions.unescape(field)).isEqualTo(name);
    }
    assertThatThrownBy(() -> MongoSessions.unescape("bad%zz")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MongoSessions.unescape("bad%2")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSignedInContextTheSavedRequestAndTheCsrfTokenComeBack() {
    Account admin = new Account("admin", "Administrator", Role.COUNTY, null, null, List.of(), true, false, false, 0, "{noop}x", 1,
        Instant.EPOCH);
    Instant at = Instant.parse("2026-12-03T08:00:00Z");
    var auth = PasswordSignIn.authenticated(admin, at);
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorize");
    request.setQueryString("response_type=code&client_id=gateway&state=s1");
    request.addParameter("response_type", "code");
    request.addParameter("client_id", "gateway");
    request.addHeader("Accept-Language", "zh-CN");
    request.setCookies(new jakarta.servlet.http.Cookie("other", "1"));
    auth.setDetails(new WebAuthenticationDetails(request));
    SecurityContextImpl context = new SecurityContextImpl(auth);

    Object back = roundTrip(context);
    assertThat(back).isInstanceOf(SecurityContextImpl.class);
    Authentication a = ((SecurityContextImpl) back).getAuthentication();
    assertThat(a.getName()).isEqualTo("admin");
    assertThat(a.getAuthorities()).extracting(g -> g.getAuthority()).contains("ROLE_COUNTY");
    assertThat(PasswordSignIn.signedInAt(a)).isEqualTo(at);

    DefaultSavedRequest saved = (DefaultSavedRequest) roundTrip(new DefaultSavedRequest(request, "continue"));
    assertThat(saved.getRedirectUrl()).contains("/oauth2/authorize", "client_id=gateway", "continue");
    assertThat(saved.getHeaderValues("Accept-Language")).containsExactly("zh-CN");

    DefaultCsrfToken csrf = (DefaultCsrfToken) roundTrip(new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "t0k"));
    assertThat(csrf.getToken()).isEqualTo("t0k");
  }

  @Test
  void aClassOutsideTheAllowListIsNotRead() {
    assertThat(roundTrip(new AtomicLong(7))).isNull();
    assertThat(MongoSessions.deserialize(new byte[] {1, 2, 3})).isNull();
  }

  @Test
  void idleMeansLastAccessPlusTheIdleTimeHasPassed() {
    Instant t = Instant.parse("2026-12-03T08:00:00Z");
    assertThat(MongoSessions.expired(t, Duration.ofMinutes(30), t.plus(Duration.ofMinutes(29)))).isFalse();
    assertThat(MongoSessions.expired(t, Duration.ofMinutes(30), t.plus(Duration.ofMinutes(30)))).isTrue();
    assertThat(MongoSessions.expired(t, Duration.ofSeconds(-1), t.plus(Duration.ofDays(999)))).as("never").isFalse();
  }

  private static Object roundTrip(Object value) {
    return MongoSessions.deserialize(MongoSessions.serialize("x", value));
  }
}
