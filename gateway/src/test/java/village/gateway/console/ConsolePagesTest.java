package village.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

class ConsolePagesTest {
  private static HttpHeaders accept(String types) {
    HttpHeaders h = new HttpHeaders();
    h.setAccept(MediaType.parseMediaTypes(types));
    return h;
  }

  @Test
  void aBrowsersDeepLinkIsAPage() {
    HttpHeaders browser = accept("text/html,application/xhtml+xml,*/*;q=0.8");
    for (String path : List.of("/", "/index.html", "/townships/%E5%9F%8E%E5%85%B3%E9%95%87", "/needs", "/villages/CG001")) {
      assertThat(ConsolePages.isPage(HttpMethod.GET, path, browser)).as(path).isTrue();
    }
  }

  @Test
  void theApiAssetsAndTheGatewaysOwnEndpointsAreNot() {
    HttpHeaders browser = accept("text/html");
    for (String path : List.of("/api/needs", "/api", "/session", "/actuator/health", "/openapi/funds", "/assets/index-abc.js",
        "/favicon.ico", "/oauth2/authorization/identity", "/login/oauth2/code/identity", "/logout", "/swagger-ui/index.html", "/v3/api-docs")) {
      assertThat(ConsolePages.isPage(HttpMethod.GET, path, browser)).as(path).isFalse();
    }
    assertThat(ConsolePages.isPage(HttpMethod.GET, "/needs", accept("application/json"))).isFalse();
    assertThat(ConsolePages.isPage(HttpMethod.POST, "/needs", browser)).isFalse();
  }
}
