package village.devstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;

/**
 * An RS256 key pair as a JSON Web Key: the identity provider's current signing key as {@code identity-service}
 * writes it to {@code $VILLAGE_DATA_DIR/identity-signing-key.json} (what {@code ./village token} signs with), or
 * a key generated for tests ({@link LocalIssuer}). The services never see it: they verify through the issuer's JWKS.
 */
public record SigningKey(RSAKey jwk) {
  public SigningKey {
    if (!jwk.isPrivate()) throw new IllegalArgumentException("a signing key needs its private part");
    if (jwk.getKeyID() == null) throw new IllegalArgumentException("a signing key needs a kid");
  }

  public static SigningKey generate() {
    return generate(UUID.randomUUID().toString());
  }

  /** A new key under a given {@code kid} (a test forges one under another key's kid). */
  public static SigningKey generate(String kid) {
    try {
      return new SigningKey(new RSAKeyGenerator(2048).keyID(kid)
          .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate());
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    }
  }

  /** Reads a private RSA JWK (a single key, or the first RSA key of a JWK set). */
  public static SigningKey read(Path file) throws IOException {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null,
          "no signing key yet: identity-service writes it on its first start (./village up)");
    }
    try {
      if (json.contains("\"keys\"")) {
        return new SigningKey(JWKSet.parse(json).getKeys().stream().filter(k -> k instanceof RSAKey).findFirst()
            .map(k -> (RSAKey) k).orElseThrow(() -> new IOException(file + " holds no RSA key")));
      }
      return new SigningKey(RSAKey.parse(json));
    } catch (ParseException | IllegalArgumentException e) {
      throw new IOException(file + " is not a private RSA JWK: " + e.getMessage(), e);
    }
  }

  public String kid() {
    return jwk.getKeyID();
  }

  /** The JWK set a verifier fetches: the public half only. */
  public String publicJwkSetJson() {
    return new JWKSet(jwk.toPublicJWK()).toString();
  }
}
