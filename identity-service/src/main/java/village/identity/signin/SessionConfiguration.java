package village.identity.signin;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;

/**
 * The browser's HTTP session through Spring Session, kept in MongoDB ({@link MongoSessions}), so any instance serves
 * a sign-in begun on another (no cookie affinity needed in front of them). Spring Boot's session auto-configuration
 * registers the filter and builds the cookie from {@code server.servlet.session.cookie.*} ({@code IDENTITY_SESSION},
 * HttpOnly, SameSite=Lax); the idle time is {@code server.servlet.session.timeout} (30 min).
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringHttpSession
public class SessionConfiguration {

  @Bean
  MongoSessions sessionRepository(MongoDatabase db, Clock clock,
      @Value("${server.servlet.session.timeout:30m}") Duration timeout) {
    return new MongoSessions(db.getCollection("sessions"), timeout, clock);
  }
}
