package village.support.health;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import village.messaging.OutboxRelay;
import village.support.config.VillageProperties;
import village.support.kafka.TopicProvisioning;

/** Health components {@code mongo} (a ping) and {@code kafka} (the cluster answers; the outbox backlog; whether the topics are ready). */
@Configuration(proxyBeanMethods = false)
public class InfrastructureHealth {

  @Bean
  HealthIndicator mongo(MongoDatabase db) {
    return () -> {
      try {
        db.runCommand(new Document("ping", 1));
        return Health.up().withDetail("database", db.getName()).build();
      } catch (RuntimeException e) {
        return Health.down(e).build();
      }
    };
  }

  @Bean(destroyMethod = "close")
  Admin kafkaHealthAdmin(VillageProperties props) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, props.kafka().bootstrapServers());
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
    p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    return Admin.create(p);
  }

  @Bean
  HealthIndicator kafka(Admin admin, OutboxRelay relay, TopicProvisioning topics) {
    return () -> {
      try {
        int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) Duration.ofSeconds(2).toMillis()))
            .nodes().get(3, TimeUnit.SECONDS).size();
        return Health.up().withDetail("brokers", nodes).withDetail("outboxBacklog", relay.backlog())
            .withDetail("topics", topics.status()).build();
      } catch (Exception e) {
        return Health.down().withDetail("error", e.toString()).withDetail("outboxBacklog", relay.backlog())
            .withDetail("topics", topics.status()).build();
      }
    };
  }
}
