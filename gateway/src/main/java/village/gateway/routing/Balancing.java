package village.gateway.routing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/**
 * {@code lb://SERVICE} routes through Spring Cloud LoadBalancer (round robin) over each service's configured instance
 * list ({@code village.gateway.services.*}, comma lists; no discovery server), less the instances whose breaker is open
 * (AvailableInstances, InstanceBreakers).
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = BalancedService.class)
public class Balancing {}
