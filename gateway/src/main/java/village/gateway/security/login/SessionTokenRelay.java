package village.gateway.security.login;

import java.util.Map;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import village.gateway.web.ProblemResponses;

/**
 * TokenRelay for signed-in browsers: a request that comes with the session cookie (no {@code Authorization}
 * header) goes on to the service with the user's own access token, refreshed with the refresh token when it has
 * expired. When it can no longer be refreshed the session's sign-in has ended: 401, and the console signs in again.
 */
@Component
@OnBrowserSignIn
public class SessionTokenRelay implements GlobalFilter, Ordered {
  private final ReactiveOAuth2AuthorizedClientManager clients;

  public SessionTokenRelay(ReactiveOAuth2AuthorizedClientManager clients) {
    this.clients = clients;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) return chain.filter(exchange);
    return exchange.getPrincipal()
        .filter(OAuth2AuthenticationToken.class::isInstance)
        .cast(OAuth2AuthenticationToken.class)
        .flatMap(user -> clients.authorize(OAuth2AuthorizeRequest
                .withClientRegistrationId(user.getAuthorizedClientRegistrationId())
                .principal(user)
                .attribute(ServerWebExchange.class.getName(), exchange)
                .build())
            .map(client -> withToken(exchange, client))
            .onErrorResume(e -> Mono.empty())
            .switchIfEmpty(Mono.defer(() -> signInAgain(exchange).then(Mono.empty())))
            .flatMap(chain::filter)
            .thenReturn(true))
        .switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(true)))
        .then();
  }

  private static ServerWebExchange withToken(ServerWebExchange exchange, OAuth2AuthorizedClient client) {
    String token = client.getAccessToken().getTokenValue();
    return exchange.mutate().request(r -> r.headers(h -> h.setBearerAuth(token))).build();
  }

  private static Mono<Void> signInAgain(ServerWebExchange exchange) {
    return exchange.getSession().flatMap(s -> s.invalidate()).then(ProblemResponses.write(exchange,
        HttpStatus.UNAUTHORIZED, "session-ended", "Unauthorized",
        "Your sign-in has ended; sign in again (登录已过期，请重新登录).", Map.of()));
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 1000;
  }
}
