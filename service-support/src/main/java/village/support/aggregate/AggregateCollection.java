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
 *
 * <p>A collection of settings ({@link #withoutEvents}) is the same without the outbox: versioned, with history and the
 * same retry policy, its changes made with {@link Change#ofSetting}.
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
    if (events != null) events.watch(name);
  }

  /**
   * A collection of settings: versioned with history like any aggregate, but its changes have no event (no outbox, no
   * relay); {@code kind} names one in problems.
   */
  public static <A extends Aggregate> AggregateCollection<A> withoutEvents(MongoDatabase db, String name, String kind,
      AggregateMapping<A> mapping, Clock clock) {
    return new AggregateCollection<>(db, name, kind, null, mapping, null, clock);
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

  /** A page of its kept changes, oldest first, sliced and counted by the database; 404 when the aggregate does not exist. */
  public PageResponse<HistoryEntry> history(Object id, PageQuery page) {
    return pageOf(id, HISTORY, page, HistoryDocuments::fromDocument);
  }

  /**
   * A page of the array {@code field} of the aggregate (e.g. a project's progress reports), in stored order, sliced and
   * counted by the database ({@link MongoPages#pageOfArray}); 404 when the aggregate does not exist.
   */
  public <T> PageResponse<T> pageOf(Object id, String field, PageQuery page, Function<Document, T> map) {
    return MongoPages.pageOfArray(collection, eq("_id", id), field, page, map)
        .orElseThrow(() -> Problems.notFound(kind, String.valueOf(id)));
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
    OutboxEntry event = entry(created, 1, actor);
    Document doc = mapping.toDocument(a)
        .append(HISTORY, List.of(HistoryDocuments.toDocument(new HistoryEntry(1, clock.instant(), actor, created.action(), created.details()))));
    if (event != null) doc.append(Outbox.FIELD, Outbox.initial(event));
    try {
      collection.insertOne(doc);
    } catch (MongoWriteException e) {
      abandon();
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
    OutboxEntry event = entry(change, version + 1, actor);
    List<Bson> updates = new ArrayList<>();
    mapping.toDocument(after).forEach((field, value) -> {
      if (!field.equals("_id")) updates.add(set(field, value));
    });
    updates.add(push(HISTORY, HistoryDocuments.toDocument(new HistoryEntry(Math.toIntExact(version + 1), clock.instant(), actor,
        change.action(), change.details()))));
    if (event != null) updates.add(Outbox.append(event));
    Object id = before.id();
    long matched = collection.updateOne(and(eq("_id", id), eq(VERSION, version)), combine(updates)).getMatchedCount();
    if (matched != 1) {
      abandon();
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

  /**
   * {@link #change} for an aggregate that may not exist yet, at version 0 until then (e.g. a township's settings, on their
   * defaults until first set): {@code decide} gets the stored one or empty and returns the change (a creation at version
   * 1 when empty); {@code If-Match: "0"} names the unset state. The same retry policy: a lost race (another creation or
   * change first) is a 412 with an If-Match naming a version, else decided again on the fresh state.
   */
  public A createOrChange(Object id, String ifMatch, String actor, Function<Optional<A>, Change<A>> decide) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<A> current = find(id);
      ETags.checkIfMatch(ifMatch, current.map(Aggregate::version).orElse(0L));
      Change<A> c = decide.apply(current);
      boolean stored = current.isEmpty() ? insert(c, actor) : update(current.get(), c, actor);
      if (stored) return c.after();
      if (namesVersion(ifMatch)) {
        throw Problems.preconditionFailed(kind + " '" + id + "' changed while this request was applied; read it again.");
      }
    }
    throw concurrentChange(id);
  }

  private ProblemException concurrentChange(Object id) {
    return Problems.conflict("concurrent-change", "Concurrent change",
        kind + " '" + id + "' is being changed by many requests at once; read it again and retry.");
  }

  private static boolean namesVersion(String ifMatch) {
    return ifMatch != null && !ifMatch.isBlank() && !ifMatch.strip().equals("*");
  }

  /** The outbox entry of {@code change}'s event; null in a collection without events, whose changes have none. */
  private OutboxEntry entry(Change<A> change, long sequence, String actor) {
    if (events == null) {
      if (change.event() != null) throw new IllegalStateException(kind + " changes have no events");
      return null;
    }
    if (change.event() == null) throw new IllegalStateException("a " + kind + " change needs its event");
    return events.entry(topic, change.event(), sequence, actor);
  }

  private void abandon() {
    if (events != null) events.abandon();
  }

  private void written(Object id) {
    if (events != null) events.written(name, id);
    for (Consumer<Object> l : listeners) l.accept(id);
  }
}
