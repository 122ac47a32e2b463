package village.support.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import village.devstack.MongoWireServer;
import village.events.Topics;
import village.events.funds.CollectiveIncomeReported;
import village.messaging.EventCodec;
import village.messaging.Outbox;
import village.messaging.OutboxRelay;
import village.support.outbox.OutboxEvents;
import village.support.web.PageQuery;
import village.support.web.ProblemException;

/**
 * The one piece of plumbing every aggregate is stored by, against mongo-java-server: insert with its outbox entry and
 * first history entry, the version-conditional change with its retry policy, reads without outbox and history.
 */
class AggregateCollectionIT {
  static final Instant T0 = Instant.parse("2026-12-04T02:00:00Z");
  static MongoWireServer server;
  static MongoClient client;

  /** A tally of reports: the smallest aggregate that decides (the count goes up by {@code by}, never above 10). */
  record Tally(String id, int count, long version) implements Aggregate {
    Change<Tally> add(int by) {
      if (count + by > 10) throw new ProblemException(org.springframework.http.HttpStatus.CONFLICT, "tally-full", "Full", "at most 10");
      Tally after = new Tally(id, count + by, version + 1);
      return Change.of(after, new CollectiveIncomeReported(id, "城关镇", 2026, after.count + ".00"), "ADDED", Map.of("by", by));
    }
  }

  static final AggregateMapping<Tally> MAPPING = new AggregateMapping<>() {
    @Override
    public Document toDocument(Tally t) {
      return new Document("_id", t.id()).append("count", t.count()).append("version", t.version());
    }

    @Override
    public Tally fromDocument(Document d) {
      return new Tally(d.getString("_id"), d.getInteger("count"), ((Number) d.get("version")).longValue());
    }
  };

  final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  final OutboxRelay relay = new OutboxRelay(null, null, OutboxRelay.Settings.defaults(), null, clock); // never started
  final OutboxEvents events = new OutboxEvents(new Outbox(new EventCodec(), "", clock), relay);
  final String name = "tallies" + System.nanoTime();
  final AggregateCollection<Tally> store =
      new AggregateCollection<>(client.getDatabase("village"), name, "Tally", Topics.FUNDS, MAPPING, events, clock);
  final MongoCollection<Document> raw = client.getDatabase("village").getCollection(name);

  @BeforeAll
  static void start() {
    server = MongoWireServer.startInMemory(0);
    client = MongoClients.create(server.connectionString());
  }

  @AfterAll
  static void stop() {
    client.close();
    server.stop();
  }

  static Change<Tally> created(String id) {
    return Change.of(new Tally(id, 0, 1), new CollectiveIncomeReported(id, "城关镇", 2026, "0.00"), "CREATED", Map.of());
  }

  List<Document> outbox(String id) {
    return raw.find(Filters.eq("_id", id)).first().getList(Outbox.FIELD, Document.class);
  }

  @Test
  void anInsertStoresStateFirstHistoryAndEventInOneDocumentAndASecondOneIsRefused() {
    AtomicInteger written = new AtomicInteger();
    store.onWritten(id -> written.incrementAndGet());
    assertThat(store.insert(created("t1"), "clerk")).isTrue();
    assertThat(store.insert(created("t1"), "other")).as("the id exists").isFalse();
    assertThat(written).hasValue(1);
    assertThat(outbox("t1")).extracting(d -> d.getLong("sequence")).containsExactly(1L);
    assertThat(store.history("t1", PageQuery.of(0, 50)).items()).singleElement().satisfies(h -> {
      assertThat(h.version()).isEqualTo(1);
      assertThat(h.actor()).isEqualTo("clerk");
      assertThat(h.action()).isEqualTo("CREATED");
      assertThat(h.at()).isEqualTo(T0);
    });
    assertThat(store.get("t1")).isEqualTo(new Tally("t1", 0, 1));
    Document read = store.collection().find(Filters.eq("_id", "t1")).first();
    assertThat(read).containsKeys(Outbox.FIELD, AggregateCollection.HISTORY); // stored beside the state …
    assertThat(store.page(new Document(), new Document("_id", 1), village.support.web.PageQuery.of(0, 10)).items())
        .containsExactly(new Tally("t1", 0, 1)); // … and never read with it
  }

  @Test
  void aChangeIsDecidedByTheAggregateAndWrittenWithItsHistoryAndEventOnTheVersionRead() {
    store.insert(created("t2"), "clerk");
    Tally after = store.change("t2", "\"1\"", "clerk", t -> t.add(3));
    assertThat(after).isEqualTo(new Tally("t2", 3, 2));
    assertThat(store.get("t2")).isEqualTo(after);
    assertThat(outbox("t2")).extracting(d -> d.getLong("sequence")).containsExactly(1L, 2L);
    assertThat(store.history("t2", PageQuery.of(0, 50)).items()).extracting(h -> h.action() + " v" + h.version() + " " + h.details())
        .containsExactly("CREATED v1 {}", "ADDED v2 {by=3}");
    assertProblem(() -> store.change("t2", "\"1\"", "clerk", t -> t.add(1)), 412, "stale-version");
    assertProblem(() -> store.change("t2", null, "clerk", t -> t.add(8)), 409, "tally-full");
    assertThat(store.change("t2", null, "clerk", t -> null)).as("nothing to write").isEqualTo(after);
    assertThat(store.get("t2").version()).as("refused and empty decisions store nothing").isEqualTo(2);
    assertProblem(() -> store.change("nope", null, "clerk", t -> t.add(1)), 404, "not-found");
    assertProblem(() -> store.history("nope", PageQuery.of(0, 50)), 404, "not-found");
  }

  @Test
  void aLostRaceIsDecidedAgainOnTheFreshStateWithoutIfMatchAnd412WithIt() {
    store.insert(created("t3"), "clerk");
    AtomicInteger decisions = new AtomicInteger();
    Tally after = store.change("t3", null, "clerk", t -> {
      if (decisions.incrementAndGet() == 1) assertThat(store.update(t, t.add(5), "racer")).isTrue(); // another request wins
      return t.add(4);
    });
    assertThat(decisions).hasValue(2);
    assertThat(after).isEqualTo(new Tally("t3", 9, 3));
    assertThat(outbox("t3")).extracting(d -> d.getLong("sequence")).containsExactly(1L, 2L, 3L);

    assertProblem(() -> store.change("t3", "\"3\"", "clerk", t -> {
      store.update(t, t.add(1), "racer");
      return t.add(1);
    }), 412, "stale-version");
    assertThat(store.get("t3").count()).as("only the racer's write").isEqualTo(10);
  }

  @Test
  void theRetriesAreBoundedByOnePolicy() {
    store.insert(created("t4"), "clerk");
    AtomicInteger decisions = new AtomicInteger();
    assertProblem(() -> store.change("t4", null, "clerk", t -> {
      decisions.incrementAndGet();
      store.update(t, new Change<>(new Tally("t4", 0, t.version() + 1), new CollectiveIncomeReported("t4", "城关镇", 2026, "0.00"),
          "RESET", Map.of()), "racer");
      return t.add(1);
    }), 409, "concurrent-change");
    assertThat(decisions).hasValue(AggregateCollection.MAX_ATTEMPTS);
  }

  @Test
  void aChangeMustRaiseTheVersionByOne() {
    store.insert(created("t5"), "clerk");
    assertThatThrownBy(() -> store.change("t5", null, "clerk", t -> Change.of(new Tally("t5", 1, 5),
        new CollectiveIncomeReported("t5", "城关镇", 2026, "1.00"), "JUMP", Map.of()))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aSettingIsCreatedOrChangedOnTheVersionReadWithHistoryButWithoutOutboxOrEvent() {
    String settings = "settings" + System.nanoTime();
    AggregateCollection<Tally> store = AggregateCollection.withoutEvents(client.getDatabase("village"), settings, "Setting", MAPPING, clock);
    MongoCollection<Document> raw = client.getDatabase("village").getCollection(settings);
    java.util.function.Function<java.util.Optional<Tally>, Change<Tally>> plusTwo = current -> {
      Tally t = current.orElse(new Tally("s1", 0, 0));
      return Change.ofSetting(new Tally("s1", t.count() + 2, t.version() + 1), "SET", Map.of("count", t.count() + 2));
    };
    assertProblem(() -> store.createOrChange("s1", "\"1\"", "clerk", plusTwo), 412, "stale-version");
    assertThat(store.find("s1")).as("a refused first setting stores nothing").isEmpty();
    assertThat(store.createOrChange("s1", "\"0\"", "clerk", plusTwo)).isEqualTo(new Tally("s1", 2, 1));
    assertProblem(() -> store.createOrChange("s1", "\"0\"", "clerk", plusTwo), 412, "stale-version");
    assertThat(store.createOrChange("s1", null, "other", plusTwo)).isEqualTo(new Tally("s1", 4, 2));
    assertThat(raw.find(Filters.eq("_id", "s1")).first()).doesNotContainKey(Outbox.FIELD);
    assertThat(store.history("s1", PageQuery.of(0, 50)).items()).extracting(h -> h.version() + " " + h.actor() + " " + h.details())
        .containsExactly("1 clerk {count=2}", "2 other {count=4}");

    AtomicInteger decisions = new AtomicInteger();
    Tally raced = store.createOrChange("s2", null, "clerk", current -> {
      if (decisions.incrementAndGet() == 1) {
        assertThat(store.insert(Change.ofSetting(new Tally("s2", 7, 1), "SET", Map.of()), "racer")).isTrue();
      }
      Tally t = current.orElse(new Tally("s2", 0, 0));
      return Change.ofSetting(new Tally("s2", t.count() + 1, t.version() + 1), "SET", Map.of());
    });
    assertThat(raced).as("a creation that lost to another is decided again on it").isEqualTo(new Tally("s2", 8, 2));
    assertThatThrownBy(() -> store.insert(created("s3"), "clerk")).as("a change with an event in a collection without")
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> this.store.insert(Change.ofSetting(new Tally("s4", 0, 1), "SET", Map.of()), "clerk"))
        .as("a change without an event where events are kept").isInstanceOf(IllegalStateException.class);
  }

  static void assertProblem(Runnable r, int status, String type) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(ProblemException.class, p -> {
      assertThat(p.status().value()).isEqualTo(status);
      assertThat(p.toProblemDetail().getType().toString()).endsWith("/" + type);
    });
  }
}
