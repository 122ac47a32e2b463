package village.acceptance;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small JSON client for the public API (through the gateway). A 503 or a refused connection is retried a few
 * times with a pause (a service may still be starting); everything else is returned as it came.
 */
public final class Http {
  static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final int ATTEMPTS = 8;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final String baseUrl;

  public String baseUrl() {
    return baseUrl;
  }

  public Http(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** A response: status, parsed body (a missing node when the body is empty or not JSON) and the raw text. */
  public record Response(int status, JsonNode body, String text, HttpResponse<byte[]> raw) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    /** The body's field as text, or null. */
    public String text(String field) {
      JsonNode n = body.get(field);
      return n == null || n.isNull() ? null : n.asString();
    }

    @Override
    public String toString() {
      return status + " " + (text.length() > 400 ? text.substring(0, 400) + "…" : text);
    }
  }

  public Response get(String path, String token) {
    return send("GET", path, token, null, null, null);
  }

  public Response post(String path, String token, Object body, String idempotencyKey) {
    return send("POST", path, token, body, idempotencyKey, null);
  }

  public Response put(String path, String token, Object body) {
    return send("PUT", path, token, body, null, null);
  }

  /** Any request; {@code body} is a JsonNode, a Map, a record or a raw String (sent as it is). */
  public Response send(String method, String path, String token, Object body, String idempotencyKey, String ifMatch) {
    return send(method, path, token, body, idempotencyKey, ifMatch, Map.of());
  }

  /** Any request, with more headers. */
  public Response send(String method, String path, String token, Object body, String idempotencyKey, String ifMatch,
      Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    headers.forEach(b::header);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    if (ifMatch != null) {
      b.header("If-Match", ifMatch);
    }
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      String text = body instanceof String s ? s : JSON.writeValueAsString(body);
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
    }
    HttpRequest request = b.build();
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if ((r.statusCode() == 503 || r.statusCode() == 429) && attempt < ATTEMPTS) {
          pause(attempt);
          continue;
        }
        String text = new String(r.body(), StandardCharsets.UTF_8);
        return new Response(r.statusCode(), parse(text), text, r);
      } catch (ConnectException e) {
        if (attempt >= ATTEMPTS) {
          throw new IllegalStateException("cannot reach " + baseUrl + ": " + e, e);
        }
        pause(attempt);
      } catch (IOException e) {
        if (attempt >= ATTEMPTS) {
          throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        }
        pause(attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static JsonNode parse(String text) {
    if (text.isBlank()) {
      return JSON.missingNode();
    }
    try {
      return JSON.readTree(text);
    } catch (RuntimeException e) {
      return JSON.missingNode();
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(Math.min(4000, 250L * attempt * attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
