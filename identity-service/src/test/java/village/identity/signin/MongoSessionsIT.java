package village.identity.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import village.devstack.RealInfrastructure;
import village.identity.signin.MongoSessions.StoredSession;

/** The sign-in session store through the real driver and mongo-java-server: what one instance stores, another serves. */
@ExtendWith(RealInfrastructure.class)
class MongoSessionsIT {
  static MongoClient mongo;
  static MongoCollection<Document> sessions;
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T08:00:00Z"));

  @BeforeAll
  static void connect() {
    mongo = MongoClients.create(RealInfrastructure.mongoUri());
    sessions = mongo.getDatabase("t_identity_sessions_" + Long.toHexString(System.nanoTime())).getCollection("sessions");
  }

  @AfterAll
  static void close() {
    mongo.close();
  }

  /** One identity-service instance's store. */
  MongoSessions instance() {
    return new MongoSessions(sessions, Duration.ofMinutes(30), clock);
  }

  StoredSession started(MongoSessions store, String step) {
    StoredSession s = store.createSession();
    s.setAttribute("step", step);
    store.save(s);
    return s;
  }

  /** As Spring Session's filter does at the start of a request. */
  StoredSession request(MongoSessions store, String id) {
    StoredSession s = store.findById(id);
    if (s != null) s.setLastAccessedTime(clock.instant());
    return s;
  }

  @Test
  void aSessionStartedOnOneInstanceIsServedByAnother() {
    StoredSession s = started(instance(), "authorization request saved");
    StoredSession there = request(instance(), s.getId());
    assertThat(there).isNotNull();
    assertThat((String) there.getAttribute("step")).isEqualTo("authorization request saved");
    assertThat(there.getCreationTime()).isEqualTo(s.getCreationTime());
    assertThat(there.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(s.getId()).hasSizeGreaterThanOrEqualTo(43); // 256 random bits
  }

  @Test
  void attributesWithDotsInTheirNamesAreStoredAndRemoved() {
    MongoSessions a = instance();
    StoredSession s = a.createSession();
    String csrf = "org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN";
    s.setAttribute(csrf, "token-1");
    a.save(s);
    StoredSession read = request(instance(), s.getId());
    assertThat((String) read.getAttribute(csrf)).isEqualTo("token-1");
    read.removeAttribute(csrf);
    instance().save(read);
    assertThat(request(a, s.getId()).getAttributeNames()).isEmpty();
  }

  @Test
  void twoRequestsChangingDifferentAttributesBothKeepTheirChange() {
    StoredSession s = started(instance(), "begun");
    StoredSession onA = request(instance(), s.getId());
    StoredSession onB = request(instance(), s.getId());
    onA.setAttribute("SPRING_SECURITY_CONTEXT", "signed in");
    onB.setAttribute("csrf", "token-2");
    instance().save(onA);
    instance().save(onB);
    StoredSession after = request(instance(), s.getId());
    assertThat(after.getAttributeNames()).containsExactlyInAnyOrder("step", "SPRING_SECURITY_CONTEXT", "csrf");
  }

  @Test
  void anIdleSessionEndsAndIsDeleted() {
    StoredSession s = started(instance(), "begun");
    clock.advance(Duration.ofMinutes(31));
    assertThat(request(instance(), s.getId())).isNull();
    assertThat(sessions.countDocuments(new Document("_id", s.getId()))).isZero();
  }

  @Test
  void useKeepsItAliveButAPageViewIsNotAWriteEveryTime() {
    MongoSessions store = instance();
    StoredSession s = started(store, "begun");
    Date stored = lastAccess(s.getId());
    clock.advance(Duration.ofSeconds(20));
    store.save(request(store, s.getId()));
    assertThat(lastAccess(s.getId())).as("unchanged, touched 20 s ago: not written").isEqualTo(stored);
    clock.advance(Duration.ofMinutes(20));
    store.save(request(store, s.getId()));
    assertThat(lastAccess(s.getId())).isAfter(stored);
    assertThat(sessions.find(new Document("_id", s.getId())).first().getDate("expireAt"))
        .isEqualTo(Date.from(clock.instant().plus(Duration.ofMinutes(30))));
    clock.advance(Duration.ofMinutes(20)); // 40 min after the start, 20 after the last use
    assertThat(request(store, s.getId())).isNotNull();
  }

  @Test
  void signingInChangesTheIdAndTheOldOneIsGoneEverywhere() {
    MongoSessions a = instance();
    StoredSession s = started(a, "before sign-in");
    String before = s.getId();
    StoredSession read = request(a, before);
    read.setAttribute("step", "signed in");
    String after = read.changeSessionId();
    a.save(read);
    assertThat(after).isNotEqualTo(before);
    assertThat(request(instance(), before)).isNull();
    assertThat((String) request(instance(), after).getAttribute("step")).isEqualTo("signed in");
  }

  @Test
  void signingOutOnOneInstanceEndsItOnTheOtherAndALateWriteDoesNotBringItBack() {
    StoredSession s = started(instance(), "signed in");
    StoredSession onB = request(instance(), s.getId());
    instance().deleteById(s.getId()); // signed out on A
    assertThat(request(instance(), s.getId())).isNull();
    onB.setAttribute("late", "change");
    clock.advance(Duration.ofMinutes(2));
    instance().save(onB);
    assertThat(sessions.countDocuments(new Document("_id", s.getId()))).isZero();
  }

  @Test
  void aSessionWhoseAttributesCannotBeReadIsGone() {
    StoredSession s = started(instance(), "begun");
    sessions.updateOne(new Document("_id", s.getId()),
        new Document("$set", new Document("attributes.alien", new Binary(MongoSessions.serialize("alien", new java.util.concurrent.atomic.AtomicLong(1))))));
    assertThat(request(instance(), s.getId())).isNull();
    assertThat(sessions.countDocuments(new Document("_id", s.getId()))).isZero();
  }

  @Test
  void expireAtIsIndexedForMongoDbToRemoveSessionsNeverMetAgain() {
    instance();
    List<Document> indexes = sessions.listIndexes().into(new ArrayList<>());
    assertThat(indexes).anySatisfy(i -> assertThat(i.get("key", Document.class)).containsKey("expireAt"));
  }

  private Date lastAccess(String id) {
    return sessions.find(new Document("_id", id)).first().getDate("lastAccess");
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
