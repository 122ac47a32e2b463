package village.funds.references;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where references are checked: {@code village.funds.partnership-service-url} (env {@code PARTNERSHIP_SERVICE_URL})
 * for organizations and villages, {@code village.funds.project-service-url} (env {@code PROJECT_SERVICE_URL}) for projects.
 * Each may list the instances, comma-separated ({@code PARTNERSHIP_SERVICE_URLS}, {@code PROJECT_SERVICE_URLS} first).
 */
@ConfigurationProperties("village.funds")
record FundsReferenceProperties(
    @DefaultValue("http://127.0.0.1:8081") String partnershipServiceUrl,
    @DefaultValue("http://127.0.0.1:8082") String projectServiceUrl) {}
