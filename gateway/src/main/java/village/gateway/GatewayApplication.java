package village.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The front door: authentication, routing and resilience in front of the four services. */
@SpringBootApplication
@EnableConfigurationProperties({GatewayProperties.class, village.gateway.security.login.LoginProperties.class})
public class GatewayApplication {
  public static void main(String[] args) {
    SpringApplication.run(GatewayApplication.class, args);
  }
}
