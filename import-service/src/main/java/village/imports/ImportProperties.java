package village.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code village.imports.*}: the largest file taken ({@code max-file-bytes}, IMPORT_MAX_FILE_BYTES, 10 MiB), the most
 * data rows over all sheets ({@code max-rows}, IMPORT_MAX_ROWS, 50,000), how long a run waits for a service that
 * cannot answer now before it stops ({@code retry-for}, IMPORT_RETRY_FOR, 3m; posting the file again resumes), and where the services are that the import
 * writes through (PARTNERSHIP_SERVICE_URL, PROJECT_SERVICE_URL, FUNDS_SERVICE_URL, REPORTING_SERVICE_URL).
 */
@ConfigurationProperties("village.imports")
public record ImportProperties(
    @DefaultValue("10485760") long maxFileBytes,
    @DefaultValue("50000") int maxRows,
    @DefaultValue("3m") java.time.Duration retryFor,
    @DefaultValue Services services) {

  public record Services(
      @DefaultValue("http://127.0.0.1:8081") String partnership,
      @DefaultValue("http://127.0.0.1:8082") String project,
      @DefaultValue("http://127.0.0.1:8083") String funds,
      @DefaultValue("http://127.0.0.1:8084") String reporting) {}
}
