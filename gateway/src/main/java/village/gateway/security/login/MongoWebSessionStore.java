package village.gateway.security.login;

import static com.mongodb.client.model.Filters.eq;

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
 * last access is more than {@link #TOUCH_INTERVAL} old, so an ordinary GET with a session costs one read. Attributes
 * (the security context, the user's tokens) are Java-serialized, as Spring Session does. An expired session is
 * deleted when met; the {@code expireAt} TTL index lets a real MongoDB remove the ones never met again.
 */
public final class MongoWebSessionStore implements WebSessionStore {
  static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
  private static final Logger log = LoggerFactory.getLogger(MongoWebSessionStore.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final MongoCollection<Document> sessions;
  private final Duration maxIdle;
  private final Clock clock;

  public MongoWebSessionStore(MongoCollection<Document> sessions, Duration maxIdle, Clock clock) {
    this.sessions = sessions;
    this.maxIdle = maxIdle;
    this.clock = clock;
    try {
      sessions.createIndex(Indexes.ascending("expireAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    } catch (RuntimeException e) {
      log.warn("sessions: no TTL index ({}); expired sessions are removed when met", e.getMessage());
    }
  }

  @Override
  public Mono<WebSession> createWebSession() {
    Instant now = clock.instant();
    return Mono.just(new MongoWebSession(newId(), now, now, maxIdle, new HashMap<>(), null, false));
  }

  @Override
  public Mono<WebSession> retrieveSession(String id) {
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
    byte[] bytes = d.get("attributes", Binary.class).getData();
    MongoWebSession s = new MongoWebSession(id, d.getDate("created").toInstant(), lastAccess, idle, deserialize(bytes),
        bytes, true);
    s.accessed = now;
    return s;
  }

  @Override
  public Mono<Void> removeSession(String id) {
    return Mono.fromRunnable(() -> sessions.deleteOne(eq("_id", id))).subscribeOn(Schedulers.boundedElastic()).then();
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
    private final byte[] storedAttributes;
    private volatile boolean started;
    private volatile boolean stored;

    MongoWebSession(String id, Instant created, Instant lastAccess, Duration idle, Map<String, Object> attributes,
        byte[] storedAttributes, boolean stored) {
      this.id = id;
      this.created = created;
      this.storedAccess = lastAccess;
      this.accessed = lastAccess;
      this.idle = idle;
      this.attributes = new java.util.concurrent.ConcurrentHashMap<>(attributes);
      this.storedAttributes = storedAttributes;
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
      return wasStored ? removeSession(id) : Mono.empty();
    }

    @Override
    public Mono<Void> save() {
      if (!isStarted()) return Mono.empty();
      return Mono.fromRunnable(this::write).subscribeOn(Schedulers.boundedElastic()).then();
    }

    private void write() {
      byte[] data = serialize(attributes);
      boolean changed = !stored || storedAttributes == null || !java.util.Arrays.equals(data, storedAttributes);
      if (!changed && Duration.between(storedAccess, accessed).compareTo(TOUCH_INTERVAL) < 0) return;
      Document d = new Document("_id", id)
          .append("created", Date.from(created))
          .append("lastAccess", Date.from(accessed))
          .append("maxIdleSeconds", idle.toSeconds())
          .append("expireAt", Date.from(accessed.plus(idle)))
          .append("attributes", new Binary(data));
      sessions.replaceOne(eq("_id", id), d, new ReplaceOptions().upsert(true));
      stored = true;
    }
  }
}
