package village.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import village.contracts.RequestIds;

/**
 * {@code X-Request-Id}: a sane one from the client is kept, otherwise a new UUID ({@link RequestIds}, the rule the
 * services apply too); it goes to the service (which puts it into its logs and its events' Kafka headers) and back
 * to the client on every response, errors included.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter implements WebFilter {
  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String id = RequestIds.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
    ServerWebExchange withId = exchange.mutate().request(r -> r.headers(h -> h.set(RequestIds.HEADER, id))).build();
    // set just before the response is committed: the service echoes the id too, and the routing copies the
    // service's headers in after this filter ran — set() leaves exactly one value
    withId.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> withId.getResponse().getHeaders().set(RequestIds.HEADER, id)));
    return chain.filter(withId);
  }
}
