package village.gateway.security.login;

import static com.mongodb.client.model.Filters.eq;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.WebSessionStore;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Browser sessions in MongoDB (collection {@code sessions}), so that a session begun on one gateway is valid on
 * every other. A session is stored once it has started (sign-in) and again only when its attributes change or its
 * last access is more than {@link #TOUCH_INTERVAL} old. Attributes (the security context, the user's tokens) are
 * Java-serialized, as Spring Session does. An expired session is deleted when met; the {@code expireAt} TTL index
 * lets a real MongoDB remove the ones never met again.
 *
 * <p><b>Read briefly from memory</b> ({@code cacheFor}, e.g. 5 s; zero turns it off): a session read from MongoDB
 * is remembered, deserialized, for {@code cacheFor}, so a browser's stream of GETs costs one read (and one
 * deserialization) per {@code cacheFor} instead of one per request. What holds:
 * <ul>
 *   <li>On this instance, ending a session (sign-out, the sign-in ended, the id changed at sign-in) takes effect at
 *   once: the entry is replaced by a tombstone before the document is deleted, and a read that raced the removal
 *   does not put the session back (it stays refused here until the tombstone ages out, by which time the document
 *   is gone).</li>
 *   <li>A session changed or touched here is read afresh on its next request here.</li>
 *   <li>Across instances: a session ended on another gateway instance is still accepted here for at most
 *   {@code cacheFor} (the age of this instance's copy), and a change made there is seen here within the same time.
 *   A write here never re-creates a session deleted elsewhere (an existing session is replaced, never upserted).</li>
 *   <li>Idle expiry is decided on the stored last access: a copy that looks idle-expired is never trusted; the
 *   document is read again (another instance may have touched it).</li>
 * </ul>
 * Each request gets its own copy of the attributes (maps among them copied one level deep, as the authorized
 * clients' map is changed in place when a token is refreshed), so requests never share mutable state through the
 * cache.
 */
public final class MongoWebSessionStore implements WebSessionStore {
  static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
  private static final Logger log = LoggerFactory.getLogger(MongoWebSessionStore.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final MongoCollection<Document> sessions;
  private final Duration maxIdle;
  private final Clock clock;
  private final Duration cacheFor;
  /** Recently read sessions (and tombstones of removed ones) by id; null when {@code cacheFor} is zero. */
  private final Cache<String, Stored> recent;

  public MongoWebSessionStore(MongoCollection<Document> sessions, Duration maxIdle, Clock clock) {
    this(sessions, maxIdle, clock, Duration.ZERO, 0);
  }

  public MongoWebSessionStore(MongoCollection<Document> sessions, Duration maxIdle, Clock clock, Duration cacheFor,
      long maxCached) {
    this.sessions = sessions;
    this.maxIdle = maxIdle;
    this.clock = clock;
    this.cacheFor = cacheFor;
    this.recent = cacheFor.isPositive() && maxCached > 0
        ? Caffeine.newBuilder().maximumSize(maxCached).expireAfterWrite(cacheFor.multipliedBy(2)).build() : null;
    try {
      sessions.createIndex(Indexes.ascending("expireAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    } catch (RuntimeException e) {
      log.warn("sessions: no TTL index ({}); expired sessions are removed when met", e.getMessage());
    }
  }

  /**
   * A session as stored (attributes deserialized, never changed), read at {@code readAt}; or, with
   * {@code removed}, the tombstone of a session ended on this instance.
   */
  private record Stored(String id, Instant created, Instant lastAccess, Duration idle, Map<String, Object> attributes,
      Instant readAt, boolean removed) {
    static Stored tombstone(String id, Instant now) {
      return new Stored(id, now, now, Duration.ZERO, Map.of(), now, true);
    }
  }

  @Override
  public Mono<WebSession> createWebSession() {
    Instant now = clock.instant();
    return Mono.just(new MongoWebSession(newId(), now, now, maxIdle, new HashMap<>(), null, false));
  }

  @Override
  public Mono<WebSession> retrieveSession(String id) {
    if (recent != null) {
      Stored hit = recent.getIfPresent(id);
      Instant now = clock.instant();
      if (hit != null && now.isBefore(hit.readAt().plus(cacheFor))) {
        if (hit.removed()) return Mono.empty();                                       // ended here
        if (now.isBefore(hit.lastAccess().plus(hit.idle()))) return Mono.just(session(hit, now)); // else: read again
      }
    }
    return Mono.fromCallable(() -> load(id)).subscribeOn(Schedulers.boundedElastic());
  }

  private WebSession load(String id) {
    Document d = sessions.find(eq("_id", id)).first();
    if (d == null) return null;
    Instant lastAccess = d.getDate("lastAccess").toInstant();
    Duration idle = Duration.ofSeconds(d.getLong("maxIdleSeconds"));
    Instant now = clock.instant();
    if (!now.isBefore(lastAccess.plus(idle))) {
      sessions.deleteOne(eq("_id", id));
      return null;
    }
    Stored stored = new Stored(id, d.getDate("created").toInstant(), lastAccess, idle,
        deserialize(d.get("attributes", Binary.class).getData()), now, false);
    if (recent != null) {
      // never over a tombstone: a read that raced this instance's removal must not bring the session back
      Stored kept = recent.asMap().merge(id, stored, (old, fresh) -> old.removed() ? old : fresh);
      if (kept.removed()) return null;
    }
    return session(stored, now);
  }

  private MongoWebSession session(Stored stored, Instant now) {
    MongoWebSession s = new MongoWebSession(stored.id(), stored.created(), stored.lastAccess(), stored.idle(),
        copy(stored.attributes()), stored.attributes(), true);
    s.accessed = now;
    return s;
  }

  /** This request's own attributes: the map and any map among the values copied (the values themselves are shared). */
  private static Map<String, Object> copy(Map<String, Object> attributes) {
    Map<String, Object> out = new HashMap<>(attributes.size() * 2);
    attributes.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> m ? new HashMap<>(m) : v));
    return out;
  }

  /** Whether {@code now} has the same keys and, by identity, the same values (maps among them: the same entries). */
  static boolean sameAttributes(Map<String, Object> original, Map<String, Object> now) {
    if (original.size() != now.size()) return false;
    for (Map.Entry<String, Object> e : now.entrySet()) {
      Object before = original.get(e.getKey());
      Object after = e.getValue();
      if (before == after) continue;
      if (!(before instanceof Map<?, ?> b) || !(after instanceof Map<?, ?> a) || a.size() != b.size()) return false;
      for (Map.Entry<?, ?> entry : a.entrySet()) {
        if (b.get(entry.getKey()) != entry.getValue() || !b.containsKey(entry.getKey())) return false;
      }
    }
    return true;
  }

  @Override
  public Mono<Void> removeSession(String id) {
    forget(id);
    return Mono.fromRunnable(() -> sessions.deleteOne(eq("_id", id))).subscribeOn(Schedulers.boundedElastic()).then();
  }

  /** Ended on this instance: refused here from now on (the tombstone outlives any copy a racing read could make). */
  private void forget(String id) {
    if (recent != null) recent.put(id, Stored.tombstone(id, clock.instant()));
  }

  private boolean forgotten(String id) {
    if (recent == null) return false;
    Stored s = recent.getIfPresent(id);
    return s != null && s.removed();
  }

  @Override
  public Mono<WebSession> updateLastAccessTime(WebSession session) {
    return Mono.fromSupplier(() -> {
      ((MongoWebSession) session).accessed = clock.instant();
      return session;
    });
  }

  private static String newId() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static byte[] serialize(Map<String, Object> attributes) {
    try (var bytes = new ByteArrayOutputStream(); var out = new ObjectOutputStream(bytes)) {
      out.writeObject(new HashMap<>(attributes));
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("a session attribute is not serializable: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> deserialize(byte[] data) {
    try (var in = new ObjectInputStream(new ByteArrayInputStream(data))) {
      return (Map<String, Object>) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      log.warn("a stored session could not be read ({}); it starts empty", e.getMessage());
      return new HashMap<>();
    }
  }

  /** One session; {@link #save()} writes it when it is new, changed or due a touch. */
  final class MongoWebSession implements WebSession {
    private volatile String id;
    private final Instant created;
    private final Instant storedAccess;
    private volatile Instant accessed;
    private volatile Duration idle;
    private final Map<String, Object> attributes;
    /** The attributes as read (null for a new session): compared by identity to decide whether it changed. */
    private final Map<String, Object> original;
    private volatile boolean started;
    private volatile boolean stored;

    MongoWebSession(String id, Instant created, Instant lastAccess, Duration idle, Map<String, Object> attributes,
        Map<String, Object> original, boolean stored) {
      this.id = id;
      this.created = created;
      this.storedAccess = lastAccess;
      this.accessed = lastAccess;
      this.idle = idle;
      this.attributes = new ConcurrentHashMap<>(attributes);
      this.original = original;
      this.stored = stored;
      this.started = stored;
    }

    @Override public String getId() { return id; }
    @Override public Map<String, Object> getAttributes() { return attributes; }
    @Override public void start() { started = true; }
    @Override public boolean isStarted() { return started || !attributes.isEmpty(); }
    @Override public Instant getCreationTime() { return created; }
    @Override public Instant getLastAccessTime() { return accessed; }
    @Override public void setMaxIdleTime(Duration maxIdleTime) { this.idle = maxIdleTime; }
    @Override public Duration getMaxIdleTime() { return idle; }

    @Override
    public boolean isExpired() {
      return !idle.isNegative() && !clock.instant().isBefore(accessed.plus(idle));
    }

    @Override
    public Mono<Void> changeSessionId() {
      String old = id;
      id = newId();
      boolean wasStored = stored;
      stored = false;
      forget(old);
      return Mono.fromRunnable(() -> {
        if (wasStored) sessions.deleteOne(eq("_id", old));
      }).subscribeOn(Schedulers.boundedElastic()).then(save());
    }

    @Override
    public Mono<Void> invalidate() {
      attributes.clear();
      started = false;
      boolean wasStored = stored;
      stored = false;
      if (wasStored) return removeSession(id);
      forget(id);
      return Mono.empty();
    }

    @Override
    public Mono<Void> save() {
      if (!isStarted() || !due()) return Mono.empty(); // decided here: an unchanged GET costs no thread hop, no serialization
      return Mono.fromRunnable(this::write).subscribeOn(Schedulers.boundedElastic()).then();
    }

    private boolean changed() {
      return !stored || original == null || !sameAttributes(original, attributes);
    }

    private boolean due() {
      return changed() || Duration.between(storedAccess, accessed).compareTo(TOUCH_INTERVAL) >= 0;
    }

    private void write() {
      String current = id;
      if (forgotten(current)) return; // ended on this instance while this request ran
      boolean isNew = !stored;
      Document d = new Document("_id", current)
          .append("created", Date.from(created))
          .append("lastAccess", Date.from(accessed))
          .append("maxIdleSeconds", idle.toSeconds())
          .append("expireAt", Date.from(accessed.plus(idle)))
          .append("attributes", new Binary(serialize(attributes)));
      // a new session (or a new id) is inserted; an existing one only replaced, so a session deleted meanwhile
      // (signed out on another instance) is not brought back by a late touch
      sessions.replaceOne(eq("_id", current), d, new ReplaceOptions().upsert(isNew));
      stored = true;
      if (recent != null) recent.asMap().computeIfPresent(current, (k, v) -> v.removed() ? v : null); // read afresh
    }
  }
}
