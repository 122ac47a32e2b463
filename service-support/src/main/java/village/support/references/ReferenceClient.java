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
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
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
 */
public final class ReferenceClient {
  private final String name;
  private final RestClient http;
  private final CircuitBreaker breaker;
  private final Retry retry;
  private final Bulkhead bulkhead;
  private final long retryAfterSeconds;
  private final JsonMapper json = JsonMapper.builder().build();

  public ReferenceClient(String name, String baseUrl, VillageProperties.References s) {
    this.name = name;
    HttpClient client = HttpClient.newBuilder().connectTimeout(s.connectTimeout()).version(HttpClient.Version.HTTP_1_1).build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
    factory.setReadTimeout(s.timeout());
    this.http = RestClient.builder().baseUrl(baseUrl).requestFactory(factory).build();
    this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(s.slidingWindow())
        .minimumNumberOfCalls(s.minimumCalls())
        .failureRateThreshold(s.failureRatePercent())
        .waitDurationInOpenState(s.openFor())
        .permittedNumberOfCallsInHalfOpenState(2)
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        .ignoreExceptions(Missing.class)
        .build());
    this.retry = Retry.of(name, RetryConfig.custom()
        .maxAttempts(s.maxAttempts())
        .waitDuration(Duration.ofMillis(100))
        .retryOnException(e -> !(e instanceof Missing) && !(e instanceof CallNotPermittedException))
        .build());
    this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom().maxConcurrentCalls(s.maxConcurrent()).maxWaitDuration(Duration.ZERO).build());
    this.retryAfterSeconds = Math.max(1, s.openFor().toSeconds());
  }

  /** True when {@code GET path} answers 2xx, false on 404; a 503 problem when the service cannot answer. */
  public boolean exists(String path) {
    return get(path).isPresent();
  }

  /** The JSON body of {@code GET path}, empty on 404; a 503 problem when the service cannot answer. */
  public Optional<JsonNode> get(String path) {
    Supplier<JsonNode> call = () -> fetch(path);
    Supplier<JsonNode> guarded = Bulkhead.decorateSupplier(bulkhead,
        CircuitBreaker.decorateSupplier(breaker, Retry.decorateSupplier(retry, call)));
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

  public CircuitBreaker.State state() {
    return breaker.getState();
  }

  private JsonNode fetch(String path) {
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

  /** 404 from the callee: the reference does not exist (not a failure of the callee). */
  static final class Missing extends RuntimeException {
    Missing() {
      super(null, null, false, false);
    }
  }
}
