package village.gateway.routing;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/**
 * The instances Spring Cloud LoadBalancer chooses among (round robin) for one request: the configured ones, less
 * those whose own breaker is open and those this request already failed on (a retried GET goes to another
 * instance). When that leaves none, the ones not yet tried, then all: the breaker of the chosen one answers.
 */
final class AvailableInstances implements ServiceInstanceListSupplier {
  /** Exchange attribute: the ids of the instances this request failed on (InstanceBreakers adds to it). */
  static final String TRIED = AvailableInstances.class.getName() + ".tried";

  private final String service;
  private final List<ServiceInstance> instances;
  private final Predicate<String> open;

  AvailableInstances(String service, List<ServiceInstance> instances, Predicate<String> breakerOpen) {
    this.service = service;
    this.instances = List.copyOf(instances);
    this.open = breakerOpen;
  }

  @Override
  public String getServiceId() {
    return service;
  }

  @Override
  public Flux<List<ServiceInstance>> get() {
    return Flux.just(choices(Set.of()));
  }

  @Override
  public Flux<List<ServiceInstance>> get(Request request) {
    Collection<?> tried = Set.of();
    if (request != null && request.getContext() instanceof RequestDataContext c && c.getClientRequest() != null
        && c.getClientRequest().getAttributes() != null
        && c.getClientRequest().getAttributes().get(TRIED) instanceof Collection<?> t) {
      tried = t;
    }
    return Flux.just(choices(tried));
  }

  List<ServiceInstance> choices(Collection<?> tried) {
    if (instances.size() == 1) return instances; // the default: one instance, nothing to choose (the request's hot path)
    List<ServiceInstance> fresh = instances.stream().filter(i -> !tried.contains(Instances.id(i))).toList();
    List<ServiceInstance> healthy = fresh.stream().filter(i -> !open.test(Instances.id(i))).toList();
    if (!healthy.isEmpty()) return healthy;
    return fresh.isEmpty() ? instances : fresh;
  }
}
