package village.devstack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Local HS256 JWTs, signed with the JDK only. The HMAC key is the UTF-8 bytes of the secret string. */
public final class Tokens {
  public static final String ISSUER = "village-local";
  public static final Duration DEFAULT_TTL = Duration.ofHours(12);
  public static final Set<String> ROLES = Set.of("COUNTY", "TOWNSHIP", "ORGANIZATION");
  private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Tokens() {}

  /**
   * Signs a token with claims {@code sub}, {@code roles}, {@code org} (if not null), {@code township} (if not
   * null), {@code iss}, {@code iat}, {@code exp}. {@code ttl} null means {@link #DEFAULT_TTL}; {@code clock}
   * null means the system UTC clock.
   */
  public static String sign(String secret, String subject, List<String> roles, String org, String township,
      Duration ttl, Clock clock) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(roles, "roles");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("empty secret");
    }
    Duration t = ttl == null ? DEFAULT_TTL : ttl;
    Clock c = clock == null ? Clock.systemUTC() : clock;
    long iat = c.instant().getEpochSecond();
    long exp = iat + t.toSeconds();

    StringBuilder json = new StringBuilder(200);
    json.append("{\"sub\":");
    quote(json, subject);
    json.append(",\"roles\":[");
    for (int i = 0; i < roles.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      quote(json, roles.get(i));
    }
    json.append(']');
    if (org != null) {
      json.append(",\"org\":");
      quote(json, org);
    }
    if (township != null) {
      json.append(",\"township\":");
      quote(json, township);
    }
    json.append(",\"iss\":");
    quote(json, ISSUER);
    json.append(",\"iat\":").append(iat);
    json.append(",\"exp\":").append(exp);
    json.append('}');

    String signingInput = encode(HEADER) + "." + encode(json.toString());
    return signingInput + "." + B64.encodeToString(hmacSha256(secret, signingInput));
  }

  /** 64 hex characters (256 bits) from {@link SecureRandom}. */
  public static String newSecret() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  static byte[] hmacSha256(String secret, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static String encode(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends {@code s} as a JSON string literal (RFC 8259 escaping; non-ASCII kept as is, UTF-8 encoded later). */
  static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (ch < 0x20 || ch == '\u2028' || ch == '\u2029' || ch == 0x7f) {
            out.append(String.format("\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    out.append('"');
  }
}
