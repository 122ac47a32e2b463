package village.support.aggregate;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import village.messaging.Outbox;
import village.messaging.OutboxEntry;
import village.support.outbox.OutboxEvents;
import village.support.persistence.MongoPages;
import village.support.web.ETags;
import village.support.web.HistoryEntry;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import village.support.web.ProblemException;
import village.support.web.Problems;

/**
 * The one piece of plumbing that persists an aggregate: one document per aggregate holding its state, {@code version},
 * {@code history} and {@code outbox}. A creation is ONE insert of the state with its first history entry and event; a
 * change is ONE update conditional on the version read, setting the new state and appending the history entry and the
 * event; right after either the relay is handed the aggregate ({@link OutboxEvents#written}). Reads never carry the
 * outbox (nor the history, which {@link #history} reads alone).
 *
 * <p>The aggregate decides: its rule methods return a {@link Change} (the state after, the event, what history keeps),
 * services only orchestrate ({@link #change} reads, checks If-Match, lets the aggregate decide, writes, and on a lost
 * race decides again on the fresh state). One retry policy for every aggregate: with an {@code If-Match} naming a version
 * a lost race is a 412 (the client must read again); without, the decision is made again up to {@link #MAX_ATTEMPTS}
 * times — every lost attempt means another request's write succeeded, so the attempts are bounded by the writers racing
 * for the same aggregate — before a 409 {@code concurrent-change}.
 */
public final class AggregateCollection<A extends Aggregate> {
  /** Attempts at a version-conditional change before a 409; each lost attempt means another write succeeded. */
  public static final int MAX_ATTEMPTS = 100;
  public static final String HISTORY = HistoryDocuments.FIELD;
  public static final String VERSION = "version";

  private final MongoCollection<Document> collection;
  private final String name;
  private final String kind;
  private final String topic;
  private final AggregateMapping<A> mapping;
  private final OutboxEvents events;
  private final Clock clock;
  private final List<Consumer<Object>> listeners = new CopyOnWriteArrayList<>();

  /**
   * @param name the collection's name (the relay watches it)
   * @param kind what one aggregate is called in problems ("Fund": "Fund 'x' does not exist.")
   * @param topic where its events go (one of {@link village.events.Topics})
   */
  public AggregateCollection(MongoDatabase db, String name, String kind, String topic, AggregateMapping<A> mapping,
      OutboxEvents events, Clock clock) {
    this.collection = db.getCollection(name);
    this.name = name;
    this.kind = kind;
    this.topic = topic;
    this.mapping = mapping;
    this.events = events;
    this.clock = clock;
    events.watch(name);
  }

  /** The raw collection, for indexes and list queries of its own fields. */
  public MongoCollection<Document> collection() {
    return collection;
  }

  /** Called with the aggregate's id after each successful write (e.g. a cache of this instance's writes). */
  public void onWritten(Consumer<Object> listener) {
    listeners.add(listener);
  }

  // ---- reads

  public Optional<A> find(Object id) {
    return Optional.ofNullable(collection.find(eq("_id", id)).projection(Projections.exclude(Outbox.FIELD, HISTORY)).first())
        .map(mapping::fromDocument);
  }

  /** The aggregate, or 404. */
  public A get(Object id) {
    return find(id).orElseThrow(() -> Problems.notFound(kind, String.valueOf(id)));
  }

  /** Its kept changes, oldest first; 404 when the aggregate does not exist. */
  public List<HistoryEntry> history(Object id) {
    Document d = collection.find(eq("_id", id)).projection(Projections.include(HISTORY)).first();
    if (d == null) throw Problems.notFound(kind, String.valueOf(id));
    return HistoryDocuments.of(d);
  }

  /** A page of the aggregates matching {@code filter}, in {@code sort} (which must end in a unique field). */
  public PageResponse<A> page(Bson filter, Bson sort, PageQuery page, String... excludedFields) {
    List<String> excluded = new ArrayList<>(List.of(Outbox.FIELD, HISTORY));
    excluded.addAll(List.of(excludedFields));
    return MongoPages.page(collection, filter, Projections.exclude(excluded), sort, page, mapping::fromDocument);
  }

  // ---- writes

  /** Stores a new aggregate with its first history entry and event; false when its {@code _id} (or another unique key) exists. */
  public boolean insert(Change<A> created, String actor) {
    A a = created.after();
    if (a.version() != 1) throw new IllegalStateException("a new " + kind + " starts at version 1");
    OutboxEntry event = events.entry(topic, created.event(), 1, actor);
    Document doc = mapping.toDocument(a)
        .append(HISTORY, List.of(HistoryDocuments.toDocument(new HistoryEntry(1, clock.instant(), actor, created.action(), created.details()))))
        .append(Outbox.FIELD, Outbox.initial(event));
    try {
      collection.insertOne(doc);
    } catch (MongoWriteException e) {
      events.abandon();
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) return false;
      throw e;
    }
    written(a.id());
    return true;
  }

  /**
   * Stores {@code change} if the aggregate is still at {@code before}'s version: the new state, the history entry and
   * the event in one write. False when someone else wrote first (nothing stored).
   */
  public boolean update(A before, Change<A> change, String actor) {
    long version = before.version();
    A after = change.after();
    if (after.version() != version + 1) throw new IllegalStateException("a change raises the version by one");
    OutboxEntry event = events.entry(topic, change.event(), version + 1, actor);
    List<Bson> updates = new ArrayList<>();
    mapping.toDocument(after).forEach((field, value) -> {
      if (!field.equals("_id")) updates.add(set(field, value));
    });
    updates.add(push(HISTORY, HistoryDocuments.toDocument(new HistoryEntry(Math.toIntExact(version + 1), clock.instant(), actor,
        change.action(), change.details()))));
    updates.add(Outbox.append(event));
    Object id = before.id();
    long matched = collection.updateOne(and(eq("_id", id), eq(VERSION, version)), combine(updates)).getMatchedCount();
    if (matched != 1) {
      events.abandon();
      return false;
    }
    written(id);
    return true;
  }

  /**
   * The read-decide-write loop of every change: reads the aggregate (404), lets {@code check} refuse the caller
   * (403 before anything else), checks {@code If-Match} (412), lets {@code decide} return the change (null: nothing to
   * write, e.g. a replay) and writes it conditionally on the version read. On a lost race: 412 with an If-Match naming a
   * version, else the decision is made again on the fresh state (at most {@link #MAX_ATTEMPTS}, then 409).
   *
   * @return the aggregate after the change, or as it is when {@code decide} wanted nothing written
   */
  public A change(Object id, String ifMatch, String actor, Consumer<A> check, Function<A, Change<A>> decide) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      A current = get(id);
      check.accept(current);
      ETags.checkIfMatch(ifMatch, current.version());
      Change<A> c = decide.apply(current);
      if (c == null) return current;
      if (update(current, c, actor)) return c.after();
      if (namesVersion(ifMatch)) {
        throw Problems.preconditionFailed(kind + " '" + id + "' changed while this request was applied; read it again.");
      }
    }
    throw concurrentChange(id);
  }

  /** {@link #change} without a caller check. */
  public A change(Object id, String ifMatch, String actor, Function<A, Change<A>> decide) {
    return change(id, ifMatch, actor, a -> {}, decide);
  }

  private ProblemException concurrentChange(Object id) {
    return Problems.conflict("concurrent-change", "Concurrent change",
        kind + " '" + id + "' is being changed by many requests at once; read it again and retry.");
  }

  private static boolean namesVersion(String ifMatch) {
    return ifMatch != null && !ifMatch.isBlank() && !ifMatch.strip().equals("*");
  }

  private void written(Object id) {
    events.written(name, id);
    for (Consumer<Object> l : listeners) l.accept(id);
  }
}
