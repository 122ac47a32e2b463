package village.gateway.security.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.web.server.WebSession;
import village.devstack.RealInfrastructure;

/** Sessions through the real driver and mongo-java-server: what one gateway stores, another serves. */
@ExtendWith(RealInfrastructure.class)
class MongoWebSessionStoreIT {
  static MongoClient mongo;
  static MongoCollection<Document> sessions;
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T08:00:00Z"));

  @BeforeAll
  static void connect() {
    Map<String, String> p = RealInfrastructure.properties(MongoWebSessionStoreIT.class);
    mongo = MongoClients.create(p.get("village.mongodb.uri"));
    sessions = mongo.getDatabase(p.get("village.mongodb.database")).getCollection("sessions");
  }

  @AfterAll
  static void close() {
    mongo.close();
  }

  MongoWebSessionStore gateway() {
    return new MongoWebSessionStore(sessions, Duration.ofMinutes(30), clock);
  }

  @Test
  void aSessionStartedOnOneGatewayIsServedByAnother() {
    WebSession s = gateway().createWebSession().block();
    s.getAttributes().put("user", "zhang");
    s.save().block();
    WebSession again = gateway().retrieveSession(s.getId()).block();
    assertThat(again).isNotNull();
    assertThat(again.getAttributes()).containsEntry("user", "zhang");
    assertThat(s.getId()).hasSizeGreaterThanOrEqualTo(43); // 256 random bits
  }

  @Test
  void anUnstartedSessionIsNeverStored() {
    WebSession s = gateway().createWebSession().block();
    s.save().block();
    assertThat(sessions.countDocuments(new Document("_id", s.getId()))).isZero();
  }

  @Test
  void anIdleSessionEndsAndIsDeleted() {
    WebSession s = gateway().createWebSession().block();
    s.getAttributes().put("user", "li");
    s.save().block();
    clock.advance(Duration.ofMinutes(31));
    assertThat(gateway().retrieveSession(s.getId()).block()).isNull();
    assertThat(sessions.countDocuments(new Document("_id", s.getId()))).isZero();
  }

  @Test
  void useWithinTheIdleTimeKeepsItAliveButAReadIsNotAWriteEveryTime() {
    MongoWebSessionStore store = gateway();
    WebSession s = store.createWebSession().block();
    s.getAttributes().put("user", "wang");
    s.save().block();
    Instant stored = lastAccess(s.getId());
    clock.advance(Duration.ofSeconds(20));
    WebSession read = store.retrieveSession(s.getId()).block();
    read.save().block();
    assertThat(lastAccess(s.getId())).as("unchanged and touched 20 s ago: not written").isEqualTo(stored);
    clock.advance(Duration.ofMinutes(20));
    WebSession later = store.retrieveSession(s.getId()).block();
    later.save().block();
    assertThat(lastAccess(s.getId())).isAfter(stored);
    clock.advance(Duration.ofMinutes(20)); // 40 min after the start, 20 after the last use
    assertThat(store.retrieveSession(s.getId()).block()).isNotNull();
  }

  @Test
  void signingInChangesTheIdAndTheOldOneIsGone() {
    MongoWebSessionStore store = gateway();
    WebSession s = store.createWebSession().block();
    s.getAttributes().put("step", "before sign-in");
    s.save().block();
    String before = s.getId();
    s.getAttributes().put("step", "signed in");
    s.changeSessionId().block();
    assertThat(s.getId()).isNotEqualTo(before);
    assertThat(store.retrieveSession(before).block()).isNull();
    assertThat(store.retrieveSession(s.getId()).block().getAttributes()).containsEntry("step", "signed in");
  }

  @Test
  void logoutRemovesIt() {
    MongoWebSessionStore store = gateway();
    WebSession s = store.createWebSession().block();
    s.getAttributes().put("user", "zhao");
    s.save().block();
    s.invalidate().block();
    assertThat(store.retrieveSession(s.getId()).block()).isNull();
  }

  private Instant lastAccess(String id) {
    return sessions.find(new Document("_id", id)).first().getDate("lastAccess").toInstant();
  }

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  }
}
