package village.identity.support;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.MethodParameter;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import village.support.config.MongoWrites;
import village.support.config.VillageProperties;
import village.support.openapi.OpenApiConventions;
import village.support.security.Caller;
import village.support.security.SecurityConfiguration;
import village.support.web.InfrastructureProblems;
import village.support.web.ProblemAdvice;
import village.support.web.ProblemErrorController;
import village.support.web.ProblemWriter;
import village.support.web.StrictJson;
import village.support.web.TomcatProblems;
import village.support.web.WebConfiguration;

/**
 * The parts of service-support identity-service uses: problem responses, request ids and limits, strict JSON, the
 * OpenAPI conventions, the {@link Caller} parameter. Not its Kafka producer, outbox relay or HS256 decoder: identity
 * writes no events and verifies tokens with its own keys. The Mongo client is built the same way (time-outs, journaled
 * majority writes unless the URI says otherwise), on the database {@code village.mongodb.database} ({@code identity}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VillageProperties.class)
@Import({WebConfiguration.class, ProblemWriter.class, InfrastructureProblems.class, ProblemAdvice.class,
    ProblemErrorController.class, StrictJson.class, TomcatProblems.class, OpenApiConventions.class})
public class SupportConfiguration implements WebMvcConfigurer {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  MongoWrites mongoWrites() {
    return new MongoWrites();
  }

  @Bean(destroyMethod = "close")
  MongoClient mongoClient(VillageProperties props, MongoWrites writes) {
    var m = props.mongodb();
    var uri = new ConnectionString(m.uri());
    writes.attached();
    WriteConcern concern = uri.getWriteConcern() != null ? uri.getWriteConcern()
        : (m.writeConcern().chars().allMatch(Character::isDigit) ? new WriteConcern(Integer.parseInt(m.writeConcern()))
            : new WriteConcern(m.writeConcern())).withJournal(m.journal());
    return MongoClients.create(MongoClientSettings.builder()
        .applyToClusterSettings(c -> c.serverSelectionTimeout(m.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS))
        .applyToSocketSettings(s -> s.connectTimeout((int) m.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout((int) m.socketTimeout().toMillis(), TimeUnit.MILLISECONDS))
        .applyConnectionString(uri)
        .writeConcern(concern)
        .addCommandListener(writes)
        .build());
  }

  @Bean
  MongoDatabase mongoDatabase(MongoClient client, VillageProperties props) {
    return client.getDatabase(props.mongodb().database());
  }

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

  /** Spring Security's delegating encoder: new hashes are bcrypt ({@code {bcrypt}…}), others still verify. */
  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new HandlerMethodArgumentResolver() {
      @Override public boolean supportsParameter(MethodParameter p) {
        return p.getParameterType() == Caller.class;
      }

      @Override public Object resolveArgument(MethodParameter p, ModelAndViewContainer m, NativeWebRequest r, WebDataBinderFactory f) {
        return SecurityConfiguration.currentCaller();
      }
    });
  }
}
