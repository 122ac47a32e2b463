package village.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import village.identity.support.IdentityProperties;

class VillageClientsTest {

  static IdentityProperties props(String secret) {
    return new IdentityProperties("http://localhost:8085", null, null, "http://127.0.0.1:8081", Duration.ofMinutes(15),
        Duration.ofHours(8), Duration.ofHours(13), new IdentityProperties.Gateway("gateway", secret,
            List.of("http://localhost:8080/login/oauth2/code/identity"), List.of("http://localhost:8080/")));
  }

  @Test
  void withoutTheGatewaySecretIdentityDoesNotStart() {
    for (String blank : new String[] {null, "", "  "}) {
      assertThatThrownBy(() -> props(blank))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("IDENTITY_GATEWAY_CLIENT_SECRET");
    }
  }

  @Test
  void theGatewayIsAConfidentialCodeClientWithPkceAndNoConsentScreen() {
    var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    RegisteredClient g = new VillageClients(props("s3cret-s3cret"), null, encoder).findByClientId("gateway");
    assertThat(g.getAuthorizationGrantTypes()).containsExactlyInAnyOrder(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN);
    assertThat(g.getClientSettings().isRequireProofKey()).isTrue();
    assertThat(g.getClientSettings().isRequireAuthorizationConsent()).isFalse();
    assertThat(g.getScopes()).containsExactlyInAnyOrder("openid", "profile");
    assertThat(g.getRedirectUris()).containsExactly("http://localhost:8080/login/oauth2/code/identity");
    assertThat(g.getPostLogoutRedirectUris()).containsExactly("http://localhost:8080/");
    assertThat(encoder.matches("s3cret-s3cret", g.getClientSecret())).isTrue();
    assertThat(g.getTokenSettings().isReuseRefreshTokens()).isFalse();
  }
}
