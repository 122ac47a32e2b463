package village.gateway.routing;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import village.gateway.GatewayProperties;

/**
 * Each service's own LoadBalancer context (its name in {@code loadbalancer.client.name}): its instances. Not a
 * component of the gateway's context (Balancing names it as the LoadBalancer's default configuration).
 */
class BalancedService {
  @Bean
  ServiceInstanceListSupplier availableInstances(Environment env, GatewayProperties props, InstanceBreakers breakers) {
    String service = env.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
    return new AvailableInstances(service, Instances.of(service, props.services().urlsOf(service)), breakers::isOpen);
  }
}
