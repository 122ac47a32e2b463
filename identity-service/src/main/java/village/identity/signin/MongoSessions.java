package village.identity.signin;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * The sign-in pages' HTTP session (the CSRF token, the authorization request waiting for the sign-in, who signed in)
 * in MongoDB, collection {@code sessions}, so that a sign-in begun on one identity-service instance continues on any
 * other and survives a restart. Spring Session's filter puts it behind {@code HttpSession}.
 *
 * <p>A document: {@code _id} (256 random bits), {@code created}, {@code lastAccess}, {@code maxIdleSeconds},
 * {@code expireAt} (last access + idle time; a TTL index, so a real MongoDB removes sessions never met again) and
 * {@code attributes}: one field per attribute (the name escaped: {@code %}, {@code .} and {@code $} as {@code %25},
 * {@code %2E}, {@code %24}), its value Java-serialized as Spring Session does, read back only through an allow-list
 * filter of the packages a sign-in's attributes consist of.
 *
 * <p>What holds:
 * <ul>
 *   <li>A new session (or one whose id changed at sign-in) is written whole; an existing one only by what changed
 *   ({@code $set}/{@code $unset} of the attributes set or removed), so two requests of one browser changing different
 *   attributes both keep their change; and never upserted, so a late write does not bring back a session that was
 *   ended (signed out) on another instance meanwhile.</li>
 *   <li>An unchanged session is written again only when its stored last access is {@link #TOUCH_INTERVAL} old: a
 *   page view is one read, not a read and a write (the idle time is thereby kept to within a minute).</li>
 *   <li>A session idle for longer than its idle time is gone: deleted when met (mongo-java-server enforces no TTL).</li>
 *   <li>A session whose attributes cannot be read back (another Spring Security version, a class not allowed) is gone:
 *   the person signs in again.</li>
 * </ul>
 * An attribute's object changed in place without being set again is not written (as with Spring Session's default).
 */
public final class MongoSessions implements SessionRepository<MongoSessions.StoredSession> {
  static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
  private static final Logger log = LoggerFactory.getLogger(MongoSessions.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter(
      "maxdepth=40;java.lang.*;java.util.*;java.time.*;java.net.URL;java.net.URI;"
          + "org.springframework.security.**;org.springframework.util.LinkedMultiValueMap;org.springframework.util.LinkedCaseInsensitiveMap;!*");

  private final MongoCollection<Document> sessions;
  private final Duration maxIdle;
  private final Clock clock;

  public MongoSessions(MongoCollection<Document> sessions, Duration maxIdle, Clock clock) {
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
  public StoredSession createSession() {
    Instant now = clock.instant();
    return new StoredSession(newId(), now, now, maxIdle, Map.of(), false);
  }

  @Override
  public void save(StoredSession s) {
    if (!s.stored || !s.id.equals(s.storedId)) {
      // new, or a new id at sign-in: the whole session under its id, then the old id gone
      sessions.replaceOne(eq("_id", s.id), s.document(), new ReplaceOptions().upsert(true));
      if (s.stored) sessions.deleteOne(eq("_id", s.storedId));
    } else if (s.due()) {
      List<Bson> updates = new ArrayList<>(List.of(Updates.set("lastAccess", Date.from(s.lastAccess)),
          Updates.set("maxIdleSeconds", s.maxIdle.toSeconds()), Updates.set("expireAt", Date.from(s.expiresAt()))));
      for (String name : s.changed) {
        Object value = s.attributes.get(name);
        String field = "attributes." + escape(name);
        updates.add(value == null ? Updates.unset(field) : Updates.set(field, new Binary(serialize(name, value))));
      }
      sessions.updateOne(eq("_id", s.id), Updates.combine(updates)); // no upsert: ended elsewhere stays ended
    } else {
      return;
    }
    s.saved();
  }

  @Override
  public StoredSession findById(String id) {
    Document d = sessions.find(eq("_id", id)).first();
    if (d == null) return null;
    Instant lastAccess = d.getDate("lastAccess").toInstant();
    Duration idle = Duration.ofSeconds(d.get("maxIdleSeconds", Number.class).longValue());
    if (expired(lastAccess, idle, clock.instant())) {
      sessions.deleteOne(eq("_id", id));
      return null;
    }
    Map<String, Object> attributes = new ConcurrentHashMap<>();
    Document stored = d.get("attributes", Document.class);
    if (stored != null) {
      for (Map.Entry<String, Object> e : stored.entrySet()) {
        Object value = deserialize(((Binary) e.getValue()).getData());
        if (value == null) {
          log.warn("session attribute {} cannot be read; the session counts as gone", unescape(e.getKey()));
          sessions.deleteOne(eq("_id", id));
          return null;
        }
        attributes.put(unescape(e.getKey()), value);
      }
    }
    return new StoredSession(id, d.getDate("created").toInstant(), lastAccess, idle, attributes, true);
  }

  @Override
  public void deleteById(String id) {
    sessions.deleteOne(eq("_id", id));
  }

  static boolean expired(Instant lastAccess, Duration idle, Instant now) {
    return !idle.isNegative() && !now.isBefore(lastAccess.plus(idle));
  }

  private static String newId() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** An attribute name as a field name: no dot (a path separator), no leading {@code $}, reversible. */
  static String escape(String name) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      switch (c) {
        case '%' -> out.append("%25");
        case '.' -> out.append("%2E");
        case '$' -> out.append("%24");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String unescape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '%' && i + 2 < field.length()) {
        String code = field.substring(i + 1, i + 3);
        switch (code) {
          case "25" -> out.append('%');
          case "2E" -> out.append('.');
          case "24" -> out.append('$');
          default -> throw new IllegalArgumentException("not an escaped attribute name: " + field);
        }
        i += 2;
      } else if (c == '%') {
        throw new IllegalArgumentException("not an escaped attribute name: " + field);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static byte[] serialize(String name, Object value) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("session attribute " + name + " is not serializable: " + e.getMessage(), e);
    }
  }

  /** The attribute, or null when it cannot be read (through the allow-list). */
  static Object deserialize(byte[] data) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
      in.setObjectInputFilter(ALLOWED);
      return in.readObject();
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      log.debug("a session attribute cannot be read", e);
      return null;
    }
  }

  /** One session as one request sees it; {@link MongoSessions#save} writes what changed. */
  public final class StoredSession implements Session {
    private String id;
    private final Instant created;
    private Instant lastAccess;
    private Duration maxIdle;
    private final Map<String, Object> attributes;
    /** The names set or removed since read (or last saved). */
    private final Set<String> changed = new LinkedHashSet<>();
    private boolean stored;
    private String storedId;
    private Instant storedAccess;
    private Duration storedIdle;

    StoredSession(String id, Instant created, Instant lastAccess, Duration maxIdle, Map<String, Object> attributes, boolean stored) {
      this.id = id;
      this.created = created;
      this.lastAccess = lastAccess;
      this.maxIdle = maxIdle;
      this.attributes = new ConcurrentHashMap<>(attributes);
      this.stored = stored;
      this.storedId = stored ? id : null;
      this.storedAccess = lastAccess;
      this.storedIdle = maxIdle;
    }

    @Override public String getId() { return id; }

    @Override
    public String changeSessionId() {
      id = newId();
      return id;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getAttribute(String name) {
      return (T) attributes.get(name);
    }

    @Override public Set<String> getAttributeNames() { return new HashSet<>(attributes.keySet()); }

    @Override
    public void setAttribute(String name, Object value) {
      if (value == null) {
        removeAttribute(name);
        return;
      }
      attributes.put(name, value);
      changed.add(name);
    }

    @Override
    public void removeAttribute(String name) {
      if (attributes.remove(name) != null) changed.add(name);
    }

    @Override public Instant getCreationTime() { return created; }
    @Override public void setLastAccessedTime(Instant lastAccessedTime) { this.lastAccess = lastAccessedTime; }
    @Override public Instant getLastAccessedTime() { return lastAccess; }
    @Override public void setMaxInactiveInterval(Duration interval) { this.maxIdle = interval; }
    @Override public Duration getMaxInactiveInterval() { return maxIdle; }
    @Override public boolean isExpired() { return expired(lastAccess, maxIdle, clock.instant()); }

    Instant expiresAt() {
      return maxIdle.isNegative() ? Instant.parse("9999-12-31T00:00:00Z") : lastAccess.plus(maxIdle);
    }

    boolean due() {
      return !changed.isEmpty() || !maxIdle.equals(storedIdle)
          || Duration.between(storedAccess, lastAccess).compareTo(TOUCH_INTERVAL) >= 0;
    }

    Document document() {
      Document attrs = new Document();
      attributes.forEach((name, value) -> attrs.append(escape(name), new Binary(serialize(name, value))));
      return new Document("_id", id).append("created", Date.from(created)).append("lastAccess", Date.from(lastAccess))
          .append("maxIdleSeconds", maxIdle.toSeconds()).append("expireAt", Date.from(expiresAt())).append("attributes", attrs);
    }

    void saved() {
      stored = true;
      storedId = id;
      storedAccess = lastAccess;
      storedIdle = maxIdle;
      changed.clear();
    }
  }
}
