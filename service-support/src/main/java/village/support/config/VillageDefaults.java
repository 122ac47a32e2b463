package village.support.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code village-defaults.properties} as the last property source, before the application context exists.
 * (A {@code @PropertySource} on the auto-configuration came too late for properties read while conditions are
 * evaluated or logging starts: {@code management.endpoints.web.exposure.include} was ignored, so
 * {@code /actuator/metrics} did not exist.) The service's application.yml and the environment override them.
 */
public final class VillageDefaults implements EnvironmentPostProcessor {
  static final String NAME = "village-defaults";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.getPropertySources().contains(NAME)) return;
    try {
      environment.getPropertySources().addLast(
          new ResourcePropertySource(NAME, new ClassPathResource("village-defaults.properties", VillageDefaults.class.getClassLoader())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
