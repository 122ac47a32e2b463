package village.imports.apply;

import java.net.http.HttpClient;
import java.time.Duration;
import village.imports.ImportProperties;

/** The four services an import reads and writes, as one caller (token) in one job (request id). */
public record Services(ServiceClient partnership, ServiceClient project, ServiceClient funds) {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .version(HttpClient.Version.HTTP_1_1).build();

  public static Services of(ImportProperties.Services urls, String bearer, String jobId, Patience patience) {
    return new Services(new ServiceClient(HTTP, "partnership-service", urls.partnership(), bearer, jobId, patience),
        new ServiceClient(HTTP, "project-service", urls.project(), bearer, jobId, patience),
        new ServiceClient(HTTP, "funds-service", urls.funds(), bearer, jobId, patience));
  }
}
