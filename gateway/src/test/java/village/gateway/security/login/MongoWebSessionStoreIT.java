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

  // ------------------------------------------------------------------------------------------ the brief cache

  MongoWebSessionStore cached() {
    return new MongoWebSessionStore(sessions, Duration.ofMinutes(30), clock, Duration.ofSeconds(5), 100);
  }

  WebSession started(MongoWebSessionStore store, String user) {
    WebSession s = store.createWebSession().block();
    s.getAttributes().put("user", user);
    s.save().block();
    return s;
  }

  @Test
  void aCachedSessionIsServedWithoutAReadForItsCacheTimeThenReadAgain() {
    MongoWebSessionStore store = cached();
    WebSession s = started(store, "chen");
    assertThat(store.retrieveSession(s.getId()).block()).isNotNull(); // read from Mongo, remembered
    sessions.deleteOne(new Document("_id", s.getId()));             // ended on another instance
    clock.advance(Duration.ofSeconds(4));
    assertThat(store.retrieveSession(s.getId()).block()).as("within 5 s: this instance's copy").isNotNull();
    clock.advance(Duration.ofSeconds(2));
    assertThat(store.retrieveSession(s.getId()).block()).as("after 5 s: read again, and gone").isNull();
  }

  @Test
  void signingOutOnThisInstanceEndsTheSessionAtOnceEvenIfCached() {
    MongoWebSessionStore store = cached();
    WebSession s = started(store, "zhou");
    WebSession read = store.retrieveSession(s.getId()).block();
    assertThat(store.retrieveSession(s.getId()).block()).isNotNull(); // cached now
    read.invalidate().block();                                       // sign-out
    assertThat(store.retrieveSession(s.getId()).block()).isNull();
    assertThat(sessions.countDocuments(new Document("_id", s.getId()))).isZero();
  }

  @Test
  void aReadRacingTheSignOutDoesNotBringTheSessionBack() {
    MongoWebSessionStore store = cached();
    WebSession s = started(store, "wu");
    Document stored = sessions.find(new Document("_id", s.getId())).first();
    store.removeSession(s.getId()).block();
    sessions.insertOne(stored); // as a read that fetched the document just before the delete would have seen it
    assertThat(store.retrieveSession(s.getId()).block()).isNull();
  }

  @Test
  void theIdChangedAtSignInLeavesNoCachedOldId() {
    MongoWebSessionStore store = cached();
    WebSession s = started(store, "qian");
    String before = s.getId();
    WebSession read = store.retrieveSession(before).block();
    read.getAttributes().put("step", "signed in");
    read.changeSessionId().block();
    assertThat(store.retrieveSession(before).block()).isNull();
    assertThat(store.retrieveSession(read.getId()).block().getAttributes()).containsEntry("step", "signed in");
  }

  @Test
  void aChangeMadeHereIsSeenByTheNextRequestHere() {
    MongoWebSessionStore store = cached();
    WebSession s = started(store, "sun");
    WebSession first = store.retrieveSession(s.getId()).block();
    first.getAttributes().put("token", "refreshed");
    first.save().block();
    assertThat(store.retrieveSession(s.getId()).block().getAttributes()).containsEntry("token", "refreshed");
  }

  @Test
  void requestsDoNotShareMutableAttributesThroughTheCache() {
    MongoWebSessionStore store = cached();
    WebSession s = store.createWebSession().block();
    s.getAttributes().put("clients", new java.util.HashMap<>(Map.of("identity", "token-1")));
    s.save().block();
    WebSession a = store.retrieveSession(s.getId()).block();
    WebSession b = store.retrieveSession(s.getId()).block();
    @SuppressWarnings("unchecked")
    Map<String, Object> clients = (Map<String, Object>) a.getAttribute("clients");
    clients.put("identity", "token-2"); // a refresh changes the authorized clients' map in place
    assertThat(b.getAttributes().get("clients")).isEqualTo(Map.of("identity", "token-1"));
    a.save().block();
    assertThat(store.retrieveSession(s.getId()).block().getAttributes().get("clients"))
        .as("the in-place change is a change: written").isEqualTo(Map.of("identity", "token-2"));
  }

  @Test
  void aLateTouchDoesNotRecreateASessionDeletedElsewhere() {
    MongoWebSessionStore store = cached();
    WebSession s = started(store, "zheng");
    WebSession read = store.retrieveSession(s.getId()).block();
    sessions.deleteOne(new Document("_id", s.getId())); // signed out on another instance
    clock.advance(Duration.ofMinutes(2));                // this request is due a touch
    store.updateLastAccessTime(read).block();
    read.save().block();
    assertThat(sessions.countDocuments(new Document("_id", s.getId()))).isZero();
  }

  @Test
  void aCopyThatLooksIdleIsNotTrustedButReadAgain() {
    MongoWebSessionStore store = new MongoWebSessionStore(sessions, Duration.ofSeconds(3), clock, Duration.ofSeconds(5), 100);
    WebSession s = started(store, "feng");
    assertThat(store.retrieveSession(s.getId()).block()).isNotNull();
    // another instance touched it (its last access now later than this copy's)
    sessions.updateOne(new Document("_id", s.getId()), new Document("$set", new Document("lastAccess",
        java.util.Date.from(clock.instant().plusSeconds(2)))));
    clock.advance(Duration.ofMillis(3500)); // idle by this instance's copy, not by the stored last access
    assertThat(store.retrieveSession(s.getId()).block()).isNotNull();
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
