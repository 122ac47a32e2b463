package village.devstack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The tests' token issuer: one RS256 key per JVM and its JWK set served over HTTP on a free local port, so a
 * service under test verifies tokens exactly as it does in production — through {@code jwk-set-uri} — and the
 * tests sign them with {@link #key()} ({@link Api#county()} and friends do).
 */
public final class LocalIssuer {
  public static final String ISSUER = "http://localhost/village-test-issuer";
  private static LocalIssuer instance;

  private final SigningKey key;
  private final HttpServer server;

  private LocalIssuer(SigningKey key) throws IOException {
    this.key = key;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] jwks = key.publicJwkSetJson().getBytes(StandardCharsets.UTF_8);
    server.createContext("/oauth2/jwks", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, jwks.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(jwks);
      }
    });
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  public static synchronized LocalIssuer get() {
    if (instance == null) {
      try {
        instance = new LocalIssuer(SigningKey.generate());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the local JWK set server", e);
      }
    }
    return instance;
  }

  public SigningKey key() {
    return key;
  }

  public String jwkSetUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks";
  }
}
