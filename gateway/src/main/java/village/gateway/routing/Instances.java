package village.gateway.routing;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * A service's instances as configured: a comma list of base URLs (one URL is a list of one), e.g.
 * {@code PARTNERSHIP_SERVICE_URLS=http://127.0.0.1:8081,http://127.0.0.1:8181}. Each instance's id, {@code
 * service@host:port}, names its circuit breaker.
 */
public final class Instances {
  private Instances() {}

  public static List<URI> urls(String commaList) {
    return Arrays.stream(commaList.split(",")).map(String::trim).filter(u -> !u.isEmpty()).map(URI::create).toList();
  }

  public static List<ServiceInstance> of(String service, String commaList) {
    return urls(commaList).stream().<ServiceInstance>map(u -> new DefaultServiceInstance(
        id(service, u.getHost(), port(u)), service, u.getHost(), port(u), "https".equals(u.getScheme()))).toList();
  }

  public static String id(String service, String host, int port) {
    return service + "@" + host + ":" + port;
  }

  public static String id(ServiceInstance i) {
    return id(i.getServiceId(), i.getHost(), i.getPort());
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
  }
}
