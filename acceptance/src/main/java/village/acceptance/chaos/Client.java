package village.acceptance.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The suite's HTTP client: one attempt per call, never a retry of its own (the writer decides, with the same
 * {@code Idempotency-Key}), and a failure to get an answer is an {@link Answer} too, not an exception.
 */
final class Client {
  static final ObjectMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String baseUrl;
  private final Duration timeout;

  Client(String baseUrl, Duration timeout) {
    this.baseUrl = baseUrl;
    this.timeout = timeout;
  }

  /**
   * One answer. {@code status} is the HTTP status, or 0 when none came ({@code error} says why: timeout,
   * connection refused, reset).
   */
  record Answer(int status, JsonNode body, String text, String error) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** A definite refusal: the request was read and refused; retrying cannot change it. */
    boolean refused() {
      return status >= 400 && status < 500 && status != 408 && status != 429;
    }

    /** No definite answer: 5xx, 408/429, a timeout or a connection error. The write may or may not have happened. */
    boolean unknown() {
      return !ok() && !refused();
    }

    /** How an unknown answer is tallied: "503", "500", "timeout", "refused-connection", "io". */
    String label() {
      return status > 0 ? Integer.toString(status) : error;
    }

    String field(String name) {
      JsonNode n = body.get(name);
      return n == null || n.isNull() ? null : n.asString();
    }

    @Override
    public String toString() {
      if (status == 0) return error;
      return status + " " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }
  }

  Answer get(String path, String token) {
    return send("GET", path, token, null, null);
  }

  Answer send(String method, String path, String token, Object body, String idempotencyKey) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
        .header("Authorization", "Bearer " + token);
    if (idempotencyKey != null) b.header("Idempotency-Key", idempotencyKey);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      String text = new String(r.body(), StandardCharsets.UTF_8);
      return new Answer(r.statusCode(), parse(text), text, null);
    } catch (HttpTimeoutException e) {
      return new Answer(0, JSON.missingNode(), "", "timeout");
    } catch (java.net.ConnectException e) {
      return new Answer(0, JSON.missingNode(), "", "connection-refused");
    } catch (IOException e) {
      return new Answer(0, JSON.missingNode(), "", "io-error");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, JSON.missingNode(), "", "interrupted");
    }
  }

  private static JsonNode parse(String text) {
    if (text.isBlank()) return JSON.missingNode();
    try {
      return JSON.readTree(text);
    } catch (RuntimeException e) {
      return JSON.missingNode();
    }
  }
}
