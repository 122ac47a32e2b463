package village.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's settings ({@code village.gateway.*}; environment variables in brackets): where the services are
 * (PARTNERSHIP_SERVICE_URL, PROJECT_SERVICE_URL, FUNDS_SERVICE_URL, REPORTING_SERVICE_URL, IDENTITY_SERVICE_URL,
 * IMPORT_SERVICE_URL; or, for several instances of one, the comma list in *_SERVICE_URLS, e.g. PARTNERSHIP_SERVICE_URLS),
 * the breaker and time limit per backend, the per-client rate limit and the body size limits
 * (uploads to /api/imports have their own).
 */
@ConfigurationProperties("village.gateway")
public record GatewayProperties(
    @DefaultValue Services services,
    @DefaultValue Breaker breaker,
    @DefaultValue RateLimit rateLimit,
    @DefaultValue("1048576") long maxBodyBytes,
    @DefaultValue("11534336") long maxImportBodyBytes) {

  /** The body limit of a request: {@code maxImportBodyBytes} (11 MiB: a 10 MiB workbook and its multipart framing) for {@code /api/imports}, else {@code maxBodyBytes}. */
  public long maxBodyBytesFor(String path) {
    return path != null && (path.equals("/api/imports") || path.startsWith("/api/imports/")) ? maxImportBodyBytes : maxBodyBytes;
  }

  public record Services(
      @DefaultValue("http://127.0.0.1:8081") String partnership,
      @DefaultValue("http://127.0.0.1:8082") String project,
      @DefaultValue("http://127.0.0.1:8083") String funds,
      @DefaultValue("http://127.0.0.1:8084") String reporting,
      @DefaultValue("http://127.0.0.1:8085") String identity,
      @DefaultValue("http://127.0.0.1:8086") String imports) {
    /** The comma list of base URLs of a service, by its name ({@code partnership-service}, ...). */
    public String urlsOf(String service) {
      return switch (service) {
        case "partnership-service" -> partnership;
        case "project-service" -> project;
        case "funds-service" -> funds;
        case "reporting-service" -> reporting;
        case "identity-service" -> identity;
        case "import-service" -> imports;
        default -> throw new IllegalArgumentException("no such service: " + service);
      };
    }
  }

  /**
   * One breaker per backend instance: a count window of {@code slidingWindow} calls (at least {@code minimumCalls}) opens at
   * {@code failureRatePercent} failures (502/504, connection errors, time-outs; not 500, see Routes) for {@code openFor}.
   * {@code timeLimit} bounds a whole call; it is above the HTTP client's response timeout, so a slow backend ends as a
   * 504 from the client first and the limit only catches what hangs elsewhere. {@code maxConcurrentCalls} is the
   * bulkhead: calls in flight to one backend instance at once, as many as the HTTP client pools connections to it (500);
   * one more is refused at once with the 503 fallback. Spring Cloud CircuitBreaker's default of 25 refused 503s to
   * 32 concurrent clients.
   */
  public record Breaker(
      @DefaultValue("10") int slidingWindow,
      @DefaultValue("5") int minimumCalls,
      @DefaultValue("50") float failureRatePercent,
      @DefaultValue("10s") Duration openFor,
      @DefaultValue("11s") Duration timeLimit,
      @DefaultValue("500") int maxConcurrentCalls) {}

  /** Token bucket per client (token subject): {@code requestsPerSecond} sustained, {@code burst} at once. */
  public record RateLimit(@DefaultValue("200") double requestsPerSecond, @DefaultValue("400") int burst) {}
}
