package village.identity.keys;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The current signing key as a private JWK (JSON with {@code kty, kid, alg: RS256, use: sig, n, e, d, p, q, dp, dq, qi}),
 * readable by its owner only (600), replaced atomically. The launcher's {@code ./village token} signs with it.
 */
final class KeyFile {
  private final Path path;

  KeyFile(Path path) {
    this.path = path.toAbsolutePath();
  }

  void write(RSAKey key) {
    try {
      Path dir = path.getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".identity-key-", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, key.toJSONString() + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the signing key to " + path, e);
    }
  }
}
