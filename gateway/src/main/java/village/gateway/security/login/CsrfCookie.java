package village.gateway.security.login;

import org.springframework.core.Ordered;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Makes the CSRF token (deferred in WebFlux) materialise on every request of a signed-in browser, so the
 * {@code XSRF-TOKEN} cookie is there for the console to echo as {@code X-XSRF-TOKEN} on its writes.
 */
@Component
@OnBrowserSignIn
public class CsrfCookie implements WebFilter, Ordered {
  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
    return token == null ? chain.filter(exchange) : token.then(chain.filter(exchange));
  }

  @Override
  public int getOrder() {
    return 0; // after the security chain (-100), which puts the token there
  }
}
