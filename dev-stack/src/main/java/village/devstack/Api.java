package village.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;


/**
 * A small JSON-over-HTTP client for a service under test (JDK HttpClient + Jackson) and the tokens the tests use,
 * all signed RS256 by the {@link LocalIssuer}, whose JWK set {@link RealInfrastructure#properties} hands to the
 * service as {@code village.security.jwt.jwk-set-uri}.
 */
public final class Api {
  public static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public Api(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public record Response(int status, java.net.http.HttpHeaders headers, String text) {
    public JsonNode json() {
      return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + text;
    }
  }

  public static String township(String township) {
    return sign("township-" + township, List.of("TOWNSHIP"), null, township, null, null);
  }

  public static String county() {
    return sign("county", List.of("COUNTY"), null, null, null, null);
  }

  public static String organization(String org) {
    return sign("org-user-" + org, List.of("ORGANIZATION"), org, null, null, null);
  }

  /** A token from the tests' issuer. */
  public static String sign(String subject, List<String> roles, String org, String township, java.time.Duration ttl,
      java.time.Clock clock) {
    return Tokens.sign(LocalIssuer.get().key(), LocalIssuer.ISSUER, subject, roles, org, township, ttl, clock);
  }

  public Response get(String path, String token, String... headers) {
    return send(request(path, token, headers).GET());
  }

  public Response post(String path, String token, Object body, String... headers) {
    String text = body instanceof String s ? s : JSON.writeValueAsString(body);
    return send(request(path, token, headers).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(text)));
  }

  public Response put(String path, String token, Object body, String... headers) {
    String text = body instanceof String s ? s : JSON.writeValueAsString(body);
    return send(request(path, token, headers).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(text)));
  }

  private HttpRequest.Builder request(String path, String token, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    if (token != null) b.header("Authorization", "Bearer " + token);
    for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return b;
  }

  private Response send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
