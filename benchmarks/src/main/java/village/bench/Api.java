package village.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import village.acceptance.RunningSystem;

/** Request builders for the benchmark: the gateway or a service directly, with a pool of token subjects. */
final class Api {
  final RunningSystem system;
  final String gateway;
  private final List<String> townshipTokens = new ArrayList<>();
  final String countyToken;

  Api(RunningSystem system, int subjects) {
    this.system = system;
    this.gateway = system.gatewayUrl;
    // many subjects, as many clients would be: the gateway's per-subject rate limit is not what is measured here
    for (int i = 0; i < subjects; i++) townshipTokens.add(system.token("bench-" + i, "TOWNSHIP", null, "城关镇"));
    this.countyToken = system.token("bench-county", "COUNTY", null, null);
  }

  String direct(String portVariable) {
    return "http://127.0.0.1:" + system.port(portVariable);
  }

  String township(long i) {
    return townshipTokens.get((int) (i % townshipTokens.size()));
  }

  HttpRequest get(String base, String path, String token) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).GET().build();
  }

  /** A GET with a signed-in browser's session cookie instead of a bearer token (the session-cookie path). */
  HttpRequest getWithSession(String base, String path, String sessionCookie) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Cookie", "VILLAGE_SESSION=" + sessionCookie).GET().build();
  }

  HttpRequest post(String base, String path, String token, String json) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
  }

  static String village(long i) {
    return String.format("CG%03d", 1 + (i % 28));
  }

  static String needJson(long i) {
    return "{\"villageCode\":\"" + village(i) + "\",\"category\":\"OTHER\",\"title\":\"bench need " + i + "\"}";
  }
}
