package village.support.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import village.support.security.Caller;

/**
 * {@code Idempotency-Key} on creating POSTs, without a separate store: the new resource's id is derived from
 * (caller, endpoint, key), so a retry collides on {@code _id} (duplicate key) and the service returns what the
 * first request created — atomically, even across a crash. The resource keeps the {@link #fingerprint} of its
 * request so that the same key with a different body is refused (422).
 *
 * <pre>{@code
 * String id = IdempotencyKeys.idFor(caller, "POST /api/funds", key).orElseGet(Ids::random);
 * try { insert(...) } catch (duplicate key) { existing = load(id); IdempotencyKeys.requireSameRequest(existing.fingerprint(), fp); return existing; }
 * }</pre>
 */
public final class IdempotencyKeys {
  public static final String HEADER = "Idempotency-Key";
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
  private static final JsonMapper CANONICAL = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private IdempotencyKeys() {}

  /** The id of the resource this keyed request creates; empty without a key; 400 for a malformed key. */
  public static java.util.Optional<String> idFor(Caller caller, String endpoint, String key) {
    if (key == null) return java.util.Optional.empty();
    if (!KEY.matcher(key).matches()) {
      throw Problems.invalid(HEADER, "must be 1 to 200 visible ASCII characters");
    }
    String scope = (caller == null ? "" : caller.subject()) + "\n" + endpoint + "\n" + key;
    return java.util.Optional.of(UUID.nameUUIDFromBytes(scope.getBytes(StandardCharsets.UTF_8)).toString());
  }

  /** A stable hash of the request body (a record or map), stored on the created resource. */
  public static String fingerprint(Object request) {
    try {
      byte[] canonical = CANONICAL.writeValueAsBytes(request);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** 422 when a key is reused with a different request. */
  public static void requireSameRequest(String storedFingerprint, String fingerprint) {
    if (storedFingerprint != null && !storedFingerprint.equals(fingerprint)) {
      throw Problems.unprocessable("idempotency-key-reused", "Idempotency-Key reused",
          "This Idempotency-Key was already used with a different request body.");
    }
  }
}
