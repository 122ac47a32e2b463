package village.reporting.freshness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The write services' own account of their outbox ({@code GET <url>/internal/outbox}), asked only while a source is
 * behind and never on a request's path: a stats response uses the last answer (at most {@code maxAge} old) and a
 * refresh runs in the background. While Kafka is down this is how the statistics learn why they are behind.
 */
final class OutboxBacklogs {
  /** One service's answer, or its absence. */
  record Backlog(boolean answered, int waitingEvents, Instant oldestWaitingSince, boolean kafkaReachable, Instant fetchedAt) {}

  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private final Map<String, String> urls;
  private final Clock clock;
  private final Duration maxAge;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final JsonMapper json = JsonMapper.builder().build();
  private final Map<String, Backlog> last = new ConcurrentHashMap<>();
  private final Map<String, Boolean> inProgress = new ConcurrentHashMap<>();

  OutboxBacklogs(Map<String, String> urls, Clock clock, Duration maxAge) {
    this.urls = Map.copyOf(urls);
    this.clock = clock;
    this.maxAge = maxAge;
  }

  /** The last answer of {@code service} if recent enough; starts a refresh when it is older (or missing). */
  Optional<Backlog> of(String service) {
    Backlog b = last.get(service);
    Instant now = clock.instant();
    if (b == null || b.fetchedAt().plus(maxAge).isBefore(now)) refresh(service);
    return Optional.ofNullable(b).filter(x -> !x.fetchedAt().plus(maxAge.multipliedBy(3)).isBefore(now));
  }

  private void refresh(String service) {
    String url = urls.get(service);
    if (url == null || url.isBlank() || inProgress.putIfAbsent(service, true) != null) return;
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/internal/outbox")).timeout(TIMEOUT).GET().build();
    } catch (IllegalArgumentException e) {
      inProgress.remove(service);
      return;
    }
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
      try {
        last.put(service, parse(response, error));
      } finally {
        inProgress.remove(service);
      }
    });
  }

  private Backlog parse(HttpResponse<String> response, Throwable error) {
    Instant now = clock.instant();
    if (error != null || response.statusCode() != 200) return new Backlog(false, 0, null, false, now);
    try {
      JsonNode n = json.readTree(response.body());
      JsonNode oldest = n.path("oldestWaitingSince");
      return new Backlog(true, n.path("waitingEvents").asInt(0), oldest.isString() ? Instant.parse(oldest.asString()) : null,
          n.path("kafkaReachable").asBoolean(true), now);
    } catch (RuntimeException e) {
      return new Backlog(false, 0, null, false, now);
    }
  }
}
