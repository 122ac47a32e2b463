package village.project.references;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code village.project.partnership-service-url} (env {@code PARTNERSHIP_SERVICE_URLS}, else {@code PARTNERSHIP_SERVICE_URL}):
 * where villages, organizations and partnerships are checked; one base URL or a comma list of the instances.
 */
@ConfigurationProperties("village.project")
record PartnershipServiceProperties(@DefaultValue("http://127.0.0.1:8081") String partnershipServiceUrl) {}
