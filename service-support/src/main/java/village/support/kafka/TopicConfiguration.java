package village.support.kafka;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import village.support.config.VillageProperties;

/** The service's topics, ensured at start-up: {@link TopicProvisioning}. */
@Configuration(proxyBeanMethods = false)
public class TopicConfiguration {

  @Bean
  TopicProvisioning topicProvisioning(VillageProperties props, @Value("${spring.application.name:village}") String app) {
    return new TopicProvisioning(props.kafka(), app);
  }
}
