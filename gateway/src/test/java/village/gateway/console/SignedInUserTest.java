package village.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class SignedInUserTest {
  @Test
  void aBearerCallerIsReadFromItsToken() {
    Jwt jwt = Jwt.withTokenValue("t").header("alg", "HS256").subject("clerk-1").issuedAt(Instant.now())
        .claim("roles", List.of("TOWNSHIP", "SOMETHING_ELSE")).claim("township", "城关镇").build();
    SignedInUser user = SignedInUser.of(new JwtAuthenticationToken(jwt, AuthorityUtils.createAuthorityList("ROLE_TOWNSHIP"))).orElseThrow();
    assertThat(user).isEqualTo(new SignedInUser("clerk-1", "clerk-1", List.of("TOWNSHIP"), "城关镇", null));
  }

  @Test
  void aSessionCallerIsReadFromItsPrincipalsClaims() {
    var principal = new DefaultOAuth2AuthenticatedPrincipal("uuid-7", Map.of("preferred_username", "zhang.san", "name", "张三",
        "roles", "ORGANIZATION", "org", "org-42"), AuthorityUtils.createAuthorityList("ROLE_ORGANIZATION"));
    var auth = new TestingAuthenticationToken(principal, null, "ROLE_ORGANIZATION");
    assertThat(SignedInUser.of(auth)).contains(new SignedInUser("zhang.san", "张三", List.of("ORGANIZATION"), null, "org-42"));
  }

  @Test
  void rolesFallBackToTheAuthoritiesAndAnonymousIsNobody() {
    var principal = new DefaultOAuth2AuthenticatedPrincipal("county-1", Map.of("sub", "county-1"), AuthorityUtils.createAuthorityList("ROLE_COUNTY"));
    assertThat(SignedInUser.of(new TestingAuthenticationToken(principal, null, "ROLE_COUNTY")).orElseThrow().roles()).containsExactly("COUNTY");
    assertThat(SignedInUser.of(new TestingAuthenticationToken("someone", null))).isEmpty();
    assertThat(SignedInUser.of(null)).isEmpty();
  }
}
