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
 * {@code Idempotency-Key}. A connection failure, time-out or 5xx is {@link Unavailable}.
 */
public final class ServiceClient {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http;
  private final String service;
  private final String baseUrl;
  private final String bearer;
  private final String requestId;

  public ServiceClient(HttpClient http, String service, String baseUrl, String bearer, String requestId) {
    this.http = http;
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
      throw new Unavailable(service + " did not answer " + method + " " + path + " (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted");
    }
    if (res.statusCode() >= 500 || res.statusCode() == 429) {
      throw new Unavailable(service + " answered " + res.statusCode() + " to " + method + " " + path);
    }
    JsonNode json = null;
    if (res.body().length > 0) {
      try {
        json = JSON.readTree(res.body());
      } catch (RuntimeException e) {
        json = null;
      }
    }
    return new Response(res.statusCode(), json);
  }
}
