package village.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;

/** The instance choice: Spring Cloud LoadBalancer's round robin over the instances whose breaker is closed and that this request has not failed on. */
class AvailableInstancesTest {
  static final String A = "funds-service@127.0.0.1:8083";
  static final String B = "funds-service@127.0.0.1:8183";
  final Set<String> open = ConcurrentHashMap.newKeySet();
  final AvailableInstances supplier = new AvailableInstances("funds-service",
      Instances.of("funds-service", "http://127.0.0.1:8083, http://127.0.0.1:8183"), open::contains);
  final RoundRobinLoadBalancer lb = new RoundRobinLoadBalancer(
      new StaticListableBeanFactory(Map.of("s", supplier)).getBeanProvider(ServiceInstanceListSupplier.class), "funds-service");

  String choose(Set<String> tried) {
    Map<String, Object> attributes = new HashMap<>();
    if (!tried.isEmpty()) attributes.put(AvailableInstances.TRIED, tried);
    var request = new DefaultRequest<>(new RequestDataContext(new RequestData(HttpMethod.GET, java.net.URI.create("/api/funds"),
        new HttpHeaders(), new LinkedMultiValueMap<>(), attributes)));
    return Instances.id(lb.choose(request).block().getServer());
  }

  @Test
  void oneUrlOrACommaListAreTheInstances() {
    assertThat(Instances.of("x", "http://h:1").stream().map(Instances::id)).containsExactly("x@h:1");
    assertThat(supplier.choices(Set.of()).stream().map(ServiceInstance::getUri).map(Object::toString))
        .containsExactly("http://127.0.0.1:8083", "http://127.0.0.1:8183");
  }

  @Test
  void roundRobinOverBothWhileTheirBreakersAreClosed() {
    List<String> picks = IntStream.range(0, 10).mapToObj(i -> choose(Set.of())).toList();
    assertThat(picks).containsOnly(A, B);
    assertThat(picks.stream().filter(A::equals).count()).isEqualTo(5);
  }

  @Test
  void anInstanceWithAnOpenBreakerIsNotChosenTheOtherAlways() {
    open.add(A);
    assertThat(IntStream.range(0, 10).mapToObj(i -> choose(Set.of()))).containsOnly(B);
  }

  @Test
  void aRetryGoesToAnInstanceTheRequestHasNotFailedOn() {
    assertThat(IntStream.range(0, 10).mapToObj(i -> choose(Set.of(A)))).containsOnly(B);
    assertThat(IntStream.range(0, 10).mapToObj(i -> choose(Set.of(B)))).containsOnly(A);
  }

  @Test
  void whenNoneIsLeftTheUntriedThenAllAreCandidates() {
    open.addAll(Set.of(A, B));
    assertThat(supplier.choices(Set.of())).hasSize(2); // both open: one is chosen and its breaker answers at once
    assertThat(supplier.choices(Set.of(A)).stream().map(Instances::id)).containsExactly(B);
    assertThat(supplier.choices(Set.of(A, B))).hasSize(2);
  }
}
