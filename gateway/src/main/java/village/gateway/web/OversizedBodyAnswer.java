package village.gateway.web;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import village.gateway.GatewayProperties;

/**
 * Just before the call to the service (inside the route's breaker and retry): a call abandoned because the client's
 * streamed body went past the limit ends as the gateway's 413, a normal answer, so the breaker does not count the
 * caller's oversized upload as a failure of the service (it would otherwise go to the 503 fallback).
 */
@Component
class OversizedBodyAnswer implements GlobalFilter, Ordered {
  private final GatewayProperties props;

  OversizedBodyAnswer(GatewayProperties props) {
    this.props = props;
  }

  @Override
  public int getOrder() {
    return NettyRoutingFilter.ORDER - 1;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    return chain.filter(exchange).onErrorResume(e -> exchange.getAttribute(BodySizeLimitFilter.TRIPPED) != null,
        e -> BodySizeLimitFilter.tooLarge(exchange, props.maxBodyBytesFor(exchange.getRequest().getPath().value())));
  }
}
