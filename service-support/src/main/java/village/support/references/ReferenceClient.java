package village.support.references;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import village.contracts.RequestIds;
import village.support.config.VillageProperties;
import village.support.web.Problems;
import village.support.web.RequestIdFilter;

/**
 * Reads another service over HTTP to check that a referenced id exists, through Resilience4j: a bulkhead, a
 * circuit breaker with a small window, retries of these idempotent GETs on I/O errors and 5xx, and a time limit
 * (the HTTP read timeout, 1 s by default). When the callee is down or the breaker is open the call fails fast
 * with a 503 problem carrying Retry-After — the write that needed the check stores nothing. The caller's bearer
 * token and request id are passed on.
 *
 * <p>The base URL may be a comma-separated list of the callee's instances (one URL is a list of one). Each instance
 * has its own breaker and retries; the calls start at the instances in turn (round robin), and when one cannot
 * answer — connection refused, time-out, its breaker open, 502/503/504 — the next is asked. Any other answer,
 * a 404 (the reference does not exist) or another 4xx in particular, is the answer and no other instance is asked.
 * Only when no instance can answer is it the 503 problem.
 */
public final class ReferenceClient {
  private final String name;
  private final List<Instance> instances;
  private final AtomicInteger next = new AtomicInteger();
  private final Bulkhead bulkhead;
  private final long retryAfterSeconds;
  private final JsonMapper json = JsonMapper.builder().build();

  public ReferenceClient(String name, String baseUrls, VillageProperties.References s) {
    this.name = name;
    HttpClient client = HttpClient.newBuilder().connectTimeout(s.connectTimeout()).version(HttpClient.Version.HTTP_1_1).build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
    factory.setReadTimeout(s.timeout());
    List<String> urls = baseUrls(baseUrls);
    this.instances = urls.stream()
        .map(url -> new Instance(url, urls.size() == 1 ? name : name + " " + url, factory, s))
        .toList();
    this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom().maxConcurrentCalls(s.maxConcurrent()).maxWaitDuration(Duration.ZERO).build());
    this.retryAfterSeconds = Math.max(1, s.openFor().toSeconds());
  }

  /** The base URLs of a comma-separated list (blanks between commas ignored); at least one. */
  public static List<String> baseUrls(String commaSeparated) {
    List<String> urls = commaSeparated == null ? List.of()
        : Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(u -> !u.isEmpty()).distinct().toList();
    if (urls.isEmpty()) throw new IllegalArgumentException("no base URL in '" + commaSeparated + "'");
    return urls;
  }

  /** The order in which the instances are asked for the call starting at {@code start}: every one, once. */
  static int[] order(int start, int size) {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) order[i] = Math.floorMod(start + i, size);
    return order;
  }

  /**
   * Whether the failure means the instance could not answer, so another may: no connection, a time-out (an I/O
   * error), its breaker open, 502/503/504. A 404 ({@link Missing}) or another answer is the callee's answer.
   */
  public static boolean cannotAnswer(Throwable e) {
    if (e instanceof RestClientResponseException r) {
      int status = r.getStatusCode().value();
      return status >= 502 && status <= 504;
    }
    return e instanceof CallNotPermittedException || e instanceof ResourceAccessException;
  }

  /** True when {@code GET path} answers 2xx, false on 404; a 503 problem when the service cannot answer. */
  public boolean exists(String path) {
    return get(path).isPresent();
  }

  /** The JSON body of {@code GET path}, empty on 404; a 503 problem when the service cannot answer. */
  public Optional<JsonNode> get(String path) {
    Supplier<JsonNode> guarded = Bulkhead.decorateSupplier(bulkhead, () -> fromAnyInstance(path));
    try {
      return Optional.of(guarded.get());
    } catch (Missing e) {
      return Optional.empty();
    } catch (CallNotPermittedException e) {
      throw Problems.dependencyUnavailable(name, retryAfterSeconds, "(circuit open after repeated failures)");
    } catch (BulkheadFullException e) {
      throw Problems.dependencyUnavailable(name, 1, "(too many concurrent checks)");
    } catch (RuntimeException e) {
      throw Problems.dependencyUnavailable(name, retryAfterSeconds, "(" + e.getClass().getSimpleName() + ")");
    }
  }

  /** The breakers' state: CLOSED while any instance's breaker is closed, else HALF_OPEN if one is, else OPEN. */
  public CircuitBreaker.State state() {
    List<CircuitBreaker.State> states = instances.stream().map(i -> i.breaker.getState()).toList();
    if (states.contains(CircuitBreaker.State.CLOSED)) return CircuitBreaker.State.CLOSED;
    return states.contains(CircuitBreaker.State.HALF_OPEN) ? CircuitBreaker.State.HALF_OPEN : states.get(0);
  }

  /** Asks the instances in turn until one answers; when none can, the last real failure (else: breakers open). */
  private JsonNode fromAnyInstance(String path) {
    RuntimeException failure = null;
    for (int i : order(next.getAndIncrement(), instances.size())) {
      try {
        return instances.get(i).get(path);
      } catch (RuntimeException e) {
        if (!cannotAnswer(e)) throw e;
        // a breaker open on one instance is not the whole story when another one failed for real
        if (failure == null || !(e instanceof CallNotPermittedException)) failure = e;
      }
    }
    throw failure;
  }

  private JsonNode fetch(RestClient http, String path) {
    try {
      String body = http.get().uri(path).headers(this::propagate).retrieve().body(String.class);
      return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
    } catch (RestClientResponseException e) {
      if (e.getStatusCode().value() == 404) throw new Missing();
      throw e;
    }
  }

  private void propagate(HttpHeaders headers) {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
      HttpServletRequest req = attrs.getRequest();
      String auth = req.getHeader(HttpHeaders.AUTHORIZATION);
      if (auth != null) headers.set(HttpHeaders.AUTHORIZATION, auth);
    }
    String requestId = MDC.get(RequestIdFilter.MDC_KEY);
    if (requestId != null) headers.set(RequestIds.HEADER, requestId);
  }

  /** One instance of the callee: its HTTP client, its breaker (recording calls, not attempts) and its retries. */
  private final class Instance {
    private final RestClient http;
    private final CircuitBreaker breaker;
    private final Retry retry;

    Instance(String baseUrl, String breakerName, JdkClientHttpRequestFactory factory, VillageProperties.References s) {
      this.http = RestClient.builder().baseUrl(baseUrl).requestFactory(factory).build();
      this.breaker = CircuitBreaker.of(breakerName, CircuitBreakerConfig.custom()
          .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
          .slidingWindowSize(s.slidingWindow())
          .minimumNumberOfCalls(s.minimumCalls())
          .failureRateThreshold(s.failureRatePercent())
          .waitDurationInOpenState(s.openFor())
          .permittedNumberOfCallsInHalfOpenState(2)
          .automaticTransitionFromOpenToHalfOpenEnabled(false)
          .ignoreExceptions(Missing.class)
          .build());
      this.retry = Retry.of(breakerName, RetryConfig.custom()
          .maxAttempts(s.maxAttempts())
          .waitDuration(Duration.ofMillis(100))
          .retryOnException(e -> !(e instanceof Missing) && !(e instanceof CallNotPermittedException))
          .build());
    }

    JsonNode get(String path) {
      return CircuitBreaker.decorateSupplier(breaker, Retry.decorateSupplier(retry, () -> fetch(http, path))).get();
    }
  }

  /** 404 from the callee: the reference does not exist (not a failure of the callee). */
  static final class Missing extends RuntimeException {
    Missing() {
      super(null, null, false, false);
    }
  }
}
