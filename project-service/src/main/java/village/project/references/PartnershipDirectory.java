package village.project.references;

import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import village.support.references.ReferenceClient;
import village.support.references.ReferenceClients;

/**
 * Every look-up this service makes in partnership-service, in one place: villages (with their township),
 * partnerships and organizations, over HTTP through the shared Resilience4j {@link ReferenceClient} (time limit,
 * retries of these idempotent GETs, circuit breaker, bulkhead). An unknown id is an empty result; partnership-service
 * being down or the breaker open is a 503 problem with Retry-After (thrown by the client), so the write that
 * needed the check stores nothing.
 */
@Component
@EnableConfigurationProperties(PartnershipServiceProperties.class)
public class PartnershipDirectory {
  static final String SERVICE = "partnership-service";

  private final ReferenceClient client;

  PartnershipDirectory(ReferenceClients clients, PartnershipServiceProperties props) {
    this.client = clients.create(SERVICE, props.partnershipServiceUrl());
  }

  /** A village of the register and the township it belongs to. */
  public record Village(String code, String township) {}

  /** A pairing of an organization with a village. */
  public record Partnership(String id, String villageCode, String organizationId, String status) {}

  /** Callers pass codes already checked to be path-safe ({@code [A-Za-z0-9._:-]}). */
  public Optional<Village> village(String code) {
    return client.get("/api/villages/" + code)
        .map(n -> new Village(text(n, "code", code), text(n, "township", null)));
  }

  public Optional<Partnership> partnership(String id) {
    return client.get("/api/partnerships/" + id)
        .map(n -> new Partnership(text(n, "id", id), text(n, "villageCode", null), text(n, "organizationId", null),
            text(n, "status", null)));
  }

  public boolean organizationExists(String id) {
    return client.exists("/api/organizations/" + id);
  }

  /** The breaker's state, for health and tests. */
  public String breakerState() {
    return client.state().name();
  }

  private static String text(JsonNode n, String field, String fallback) {
    JsonNode v = n.path(field);
    return v.isMissingNode() || v.isNull() ? fallback : v.asString();
  }
}
