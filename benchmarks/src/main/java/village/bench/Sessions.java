package village.bench;

import java.io.IOException;
import village.acceptance.Browser;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import village.acceptance.RunningSystem;

/**
 * Signed-in browser sessions for the session-cookie path: the first administrator signs in through identity-service
 * once (the first password from the data folder, changed as the provider asks), then creates {@code n - 1} TOWNSHIP
 * accounts of 城关镇 and signs each in, so the GETs are spread over {@code n} session subjects (the gateway's
 * per-subject rate limit, 200/s, is not what is measured). Returns the {@code VILLAGE_SESSION} cookie values.
 */
final class Sessions {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Sessions() {}

  static List<String> signIn(RunningSystem system, int n) {
    String gateway = "http://localhost:" + system.port("GATEWAY_PORT"); // the provider's redirect URIs name localhost
    String first;
    try {
      first = Files.readString(system.dataDir().resolve("admin-password"), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("no first administrator password in " + system.dataDir(), e);
    }
    Browser admin = Browser.signedIn(gateway, "admin", first, "Pw-" + UUID.randomUUID() + "-Bb1");
    List<String> cookies = new ArrayList<>();
    cookies.add(cookie(admin));
    admin.send("GET", gateway + "/api/stats/overview?township=x", null); // the XSRF-TOKEN cookie
    for (int i = 1; i < n; i++) {
      String user = "bench-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
      String body = "{\"username\":\"" + user + "\",\"displayName\":\"压测镇办事员\",\"role\":\"TOWNSHIP\",\"township\":\"城关镇\"}";
      HttpResponse<String> r = admin.send("POST", gateway + "/api/users", body, "X-XSRF-TOKEN",
          String.valueOf(admin.cookie("localhost", "XSRF-TOKEN")));
      if (r.statusCode() != 201) throw new IllegalStateException("POST /api/users → " + r.statusCode() + " " + r.body());
      JsonNode created = JSON.readTree(r.body());
      Browser b = Browser.signedIn(gateway, user, created.path("temporaryPassword").asString(), "Pw-" + UUID.randomUUID() + "-Cc2");
      cookies.add(cookie(b));
    }
    return cookies;
  }

  private static String cookie(Browser b) {
    String c = b.cookie("localhost", "VILLAGE_SESSION");
    if (c == null || c.isBlank()) throw new IllegalStateException("signed in, but no VILLAGE_SESSION cookie");
    return c;
  }
}
