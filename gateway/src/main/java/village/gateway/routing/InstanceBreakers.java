package village.gateway.routing;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * One circuit breaker (with its time limit and bulkhead, Resilience) per service instance, around the call to the
 * instance the load balancer chose: one bad instance opens its own breaker and the others go on serving. A failure
 * (connection error, time-out, 502/504 as in {@link Routes#FAILURE_STATUSES}, the breaker open or full) is noted on the
 * request, so a retry avoids that instance, and ends as {@link InstanceFailure}: the route's retry tries another
 * instance for a GET, and for any method when the request never left the gateway ({@link NotSent}: refused by the
 * breaker or bulkhead, or the connection refused); what is left is the route's 503 answer (FallbackController).
 */
@Component
class InstanceBreakers implements GlobalFilter, Ordered {
  private final ReactiveResilience4JCircuitBreakerFactory factory;

  InstanceBreakers(ReactiveResilience4JCircuitBreakerFactory factory) {
    this.factory = factory;
  }

  /** Just after the load balancer's choice, before the call. */
  @Override
  public int getOrder() {
    return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
  }

  boolean isOpen(String instanceId) {
    return factory.getCircuitBreakerRegistry().find(instanceId)
        .map(b -> b.getState() == CircuitBreaker.State.OPEN || b.getState() == CircuitBreaker.State.FORCED_OPEN)
        .orElse(false);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    Response<ServiceInstance> chosen = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
    if (chosen == null || !chosen.hasServer()) return chain.filter(exchange);
    String id = Instances.id(chosen.getServer());
    Mono<Void> call = chain.filter(exchange).then(Mono.defer(() -> {
      HttpStatusCode status = exchange.getResponse().getStatusCode();
      return status != null && Routes.FAILURE_STATUSES.contains(Integer.toString(status.value()))
          ? Mono.error(new InstanceFailure(id, "answered " + status.value(), null)) : Mono.empty();
    }));
    return factory.create(id).run(call, t -> {
      tried(exchange).add(id);
      ServerWebExchangeUtils.reset(exchange); // the failed answer's connection and headers are not the client's
      if (t instanceof InstanceFailure f) return Mono.error(f);
      return Mono.error(neverSent(t) ? new NotSent(id, t) : new InstanceFailure(id, t.getClass().getSimpleName(), t));
    });
  }

  @SuppressWarnings("unchecked")
  private static Set<String> tried(ServerWebExchange exchange) {
    return (Set<String>) exchange.getAttributes().computeIfAbsent(AvailableInstances.TRIED, k -> ConcurrentHashMap.newKeySet());
  }

  /** Refused by the breaker or the bulkhead, or the connection was refused: the request never reached the instance. */
  static boolean neverSent(Throwable t) {
    if (t instanceof CallNotPermittedException || t instanceof BulkheadFullException) return true;
    for (Throwable c = t; c != null; c = c.getCause()) if (c instanceof ConnectException) return true;
    return false;
  }

  /** The instance failure in an error's cause chain (a retry may wrap it), or null. */
  static InstanceFailure failureIn(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) if (c instanceof InstanceFailure f) return f;
    return null;
  }

  /** A call to one instance failed or was refused by its breaker. */
  static class InstanceFailure extends RuntimeException {
    InstanceFailure(String instance, String why, Throwable cause) {
      super(instance + ": " + why, cause, false, false);
    }
  }

  /** A call that never reached the instance: safe to send to another one, whatever its method. */
  static final class NotSent extends InstanceFailure {
    NotSent(String instance, Throwable cause) {
      super(instance, "not sent (" + cause.getClass().getSimpleName() + ")", cause);
    }
  }
}
