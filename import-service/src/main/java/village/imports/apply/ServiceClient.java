package village.imports.apply;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import village.contracts.RequestIds;

/**
 * Calls one service's public API as the caller: their own {@code Authorization: Bearer} token (so the service applies
 * its role rules and validation as for any request), the job's id as {@code X-Request-Id} (the services put it into
 * the events' headers, so a change can be told to come from import N), and on creating writes an
 * {@code Idempotency-Key}. A connection failure, time-out, 429 or 502–504 is tried again with {@link Patience}; when
 * that runs out, or on any other 5xx, it is {@link Unavailable}.
 */
public final class ServiceClient {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http;
  private final String service;
  private final String baseUrl;
  private final String bearer;
  private final String requestId;
  private final Patience patience;

  public ServiceClient(HttpClient http, String service, String baseUrl, String bearer, String requestId, Patience patience) {
    this.http = http;
    this.patience = patience;
    this.service = service;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.bearer = bearer;
    this.requestId = requestId;
  }

  /** A service's answer: status and JSON body (a problem's {@code detail} for 4xx). */
  public record Response(int status, JsonNode body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    public String detail() {
      if (body == null) return "HTTP " + status;
      String d = body.path("detail").asString("");
      StringBuilder b = new StringBuilder(d.isEmpty() ? "HTTP " + status : d);
      for (JsonNode e : body.path("errors")) b.append(" ").append(e.path("field").asString("")).append(": ").append(e.path("message").asString(""));
      return b.toString();
    }
  }

  /** The service cannot answer now (down, timing out, 5xx): nothing more can be written until it is back. */
  public static final class Unavailable extends RuntimeException {
    public Unavailable(String message) {
      super(message);
    }
  }

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  public Response get(String path) {
    return send("GET", path, null, null);
  }

  /** Every item of a paged list ({@code size=500} per page). */
  public List<JsonNode> all(String path) {
    List<JsonNode> items = new ArrayList<>();
    String sep = path.contains("?") ? "&" : "?";
    for (int page = 0; page < 10_000; page++) {
      Response r = get(path + sep + "page=" + page + "&size=500");
      if (!r.ok()) throw new Refused(r);
      JsonNode list = r.body().path("items");
      list.forEach(items::add);
      if (list.size() < 500 || items.size() >= r.body().path("total").asLong()) break;
    }
    return items;
  }

  /** A read the import needs answered 4xx: it cannot go on (e.g. the token may not read this). */
  public static final class Refused extends RuntimeException {
    public final transient Response response;

    Refused(Response r) {
      super(r.detail());
      this.response = r;
    }
  }

  public Response send(String method, String path, Object body, String idempotencyKey) {
    long started = System.nanoTime();
    for (int tries = 1; ; tries++) {
      Attempt a = once(method, path, body, idempotencyKey);
      if (a.response() != null) return a.response();
      Duration waited = Duration.ofNanos(System.nanoTime() - started);
      Duration pause = patience.pause(tries, waited, a.retryAfter());
      if (pause == null) {
        throw new Unavailable(tries == 1 ? a.failure() : a.failure() + " (tried " + tries + " times over " + seconds(waited) + ")");
      }
      patience.waiting().accept(a.failure() + "; trying again in " + seconds(pause) + " (try " + (tries + 1) + ")");
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Unavailable("interrupted");
      }
    }
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  /** One try: the answer, or why there was none worth keeping (and the service's Retry-After, if it sent one). */
  private record Attempt(Response response, String failure, Duration retryAfter) {}

  private Attempt once(String method, String path, Object body, String idempotencyKey) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + bearer).header("Accept", "application/json")
        .header(RequestIds.HEADER, requestId);
    if (idempotencyKey != null) b.header("Idempotency-Key", idempotencyKey);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json").method(method,
          HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    }
    HttpResponse<byte[]> res;
    try {
      res = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      return new Attempt(null, service + " did not answer " + method + " " + path + " (" + e.getClass().getSimpleName() + ")", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted");
    }
    int status = res.statusCode();
    if (status == 429 || status == 502 || status == 503 || status == 504) {
      return new Attempt(null, service + " answered " + status + " to " + method + " " + path,
          Patience.retryAfter(res.headers().firstValue("Retry-After").orElse(null)));
    }
    if (status >= 500) {
      throw new Unavailable(service + " answered " + status + " to " + method + " " + path);
    }
    JsonNode json = null;
    if (res.body().length > 0) {
      try {
        json = JSON.readTree(res.body());
      } catch (RuntimeException e) {
        json = null;
      }
    }
    return new Attempt(new Response(status, json), null, null);
  }
}
