package village.identity.keys;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import village.identity.support.IdentityProperties;

/**
 * The RS256 signing keys, kept in the collection {@code keys} ({@code _id} = kid, the private JWK, when it was made and
 * when a newer key took over). The newest key signs; a retired key stays in the JWKS for
 * {@code village.identity.retired-key-lifetime}, so tokens it signed keep verifying until they expire, then it is
 * deleted. Every instance reads the same collection (a short cache), so a second instance signs with the same key.
 * When {@code village.identity.key-file} is set the current key is written there as a private JWK.
 */
public class SigningKeys implements JWKSource<SecurityContext> {
  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
  static final Duration CACHE = Duration.ofSeconds(5);

  private final MongoCollection<Document> keys;
  private final Clock clock;
  private final Duration retiredLifetime;
  private final KeyFile keyFile;
  private volatile Snapshot snapshot;

  /** The keys as last read: all that still verify, newest first. */
  record Snapshot(List<StoredKey> keys, Instant readAt) {}

  /** One key: its JWK (private), when made, when retired (null while it signs). */
  public record StoredKey(RSAKey jwk, Instant createdAt, Instant retiredAt) {
    public String kid() {
      return jwk.getKeyID();
    }
  }

  public SigningKeys(MongoDatabase db, Clock clock, IdentityProperties props) {
    this.keys = db.getCollection("keys");
    this.clock = clock;
    this.retiredLifetime = props.retiredKeyLifetime();
    this.keyFile = IdentityProperties.isSet(props.keyFile()) ? new KeyFile(java.nio.file.Path.of(props.keyFile())) : null;
  }

  /** First start: a key if there is none; the key file brought up to date. */
  public void ensureKey() {
    if (load().keys().stream().noneMatch(k -> k.retiredAt() == null)) {
      insert(generate());
      log.info("Generated the first signing key");
    }
    writeKeyFile();
  }

  /** The key that signs now. */
  public StoredKey current() {
    return snapshot().keys().stream().filter(k -> k.retiredAt() == null).findFirst()
        .orElseGet(() -> load().keys().stream().filter(k -> k.retiredAt() == null).findFirst()
            .orElseThrow(() -> new IllegalStateException("no signing key (ensureKey not run?)")));
  }

  /** Every key that still verifies, newest first. */
  public List<StoredKey> all() {
    return snapshot().keys();
  }

  /** A new key signs from now on; the others retire (still in the JWKS for the retired-key lifetime). */
  public synchronized StoredKey rotate() {
    Instant now = clock.instant();
    RSAKey fresh = generate();
    insert(fresh);
    keys.updateMany(and(ne("_id", fresh.getKeyID()), eq("retiredAt", null)), set("retiredAt", Date.from(now)));
    keys.deleteMany(lt("retiredAt", Date.from(now.minus(retiredLifetime))));
    snapshot = null;
    writeKeyFile();
    log.info("Rotated the signing key: {} signs now", fresh.getKeyID());
    return load().keys().getFirst();
  }

  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) {
    return selector.select(new JWKSet(all().stream().map(k -> (JWK) k.jwk()).toList()));
  }

  private Snapshot snapshot() {
    Snapshot s = snapshot;
    if (s == null || s.readAt().plus(CACHE).isBefore(clock.instant())) s = load();
    return s;
  }

  private Snapshot load() {
    Instant now = clock.instant();
    List<StoredKey> list = new ArrayList<>();
    for (Document d : keys.find()) {
      Date retired = d.getDate("retiredAt");
      if (retired != null && retired.toInstant().plus(retiredLifetime).isBefore(now)) continue;
      try {
        list.add(new StoredKey(RSAKey.parse(d.getString("jwk")), d.getDate("createdAt").toInstant(),
            retired == null ? null : retired.toInstant()));
      } catch (ParseException e) {
        throw new IllegalStateException("signing key " + d.get("_id") + " in the keys collection cannot be read", e);
      }
    }
    // newest first; the signing key (not retired) before any retired one
    list.sort(Comparator.comparing((StoredKey k) -> k.retiredAt() != null).thenComparing(StoredKey::createdAt, Comparator.reverseOrder()));
    Snapshot s = new Snapshot(List.copyOf(list), now);
    snapshot = s;
    return s;
  }

  private void insert(RSAKey key) {
    keys.insertOne(new Document("_id", key.getKeyID()).append("jwk", key.toJSONString())
        .append("alg", "RS256").append("createdAt", Date.from(clock.instant())).append("retiredAt", null));
    snapshot = null;
  }

  private void writeKeyFile() {
    if (keyFile != null) keyFile.write(current().jwk());
  }

  RSAKey generate() {
    try {
      return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256).issueTime(Date.from(clock.instant())).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("RSA key generation failed", e);
    }
  }
}
