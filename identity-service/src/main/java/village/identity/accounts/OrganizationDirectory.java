package village.identity.accounts;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import village.identity.keys.ServiceTokens;
import village.identity.support.IdentityProperties;
import village.support.references.ReferenceClient;
import village.support.web.Problems;

/**
 * What partnership-service knows about an organization: whether it exists ({@code GET /api/organizations/{id}}) and the
 * townships it works in (the townships of its ACTIVE partnerships, {@code GET /api/partnerships?organizationId=}).
 * Asked with a short-lived COUNTY token identity signs itself. {@code partnership-service-url} may list the instances
 * (comma-separated): they are asked in order until one answers ({@link ReferenceClient#cannotAnswer}: refused, timed
 * out, 502–504; a 404 or other answer is the answer). When none can answer: a 503 problem, nothing stored.
 */
@Component
public class OrganizationDirectory {
  static final String SERVICE = "partnership-service";
  private final List<RestClient> instances;
  private final ServiceTokens tokens;
  private final JsonMapper json = JsonMapper.builder().build();

  OrganizationDirectory(IdentityProperties props, ServiceTokens tokens) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).version(HttpClient.Version.HTTP_1_1).build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
    factory.setReadTimeout(Duration.ofSeconds(3));
    this.instances = ReferenceClient.baseUrls(props.partnershipServiceUrl()).stream()
        .map(url -> RestClient.builder().baseUrl(url).requestFactory(factory).build()).toList();
    this.tokens = tokens;
  }

  public boolean exists(String organizationId) {
    return get("/api/organizations/{id}", organizationId) != null;
  }

  /** The townships of the organization's ACTIVE partnerships. */
  public Set<String> townshipsOf(String organizationId) {
    Set<String> townships = new LinkedHashSet<>();
    JsonNode page = get("/api/partnerships?organizationId={id}&status=ACTIVE&size=500", organizationId);
    if (page == null) return townships;
    for (JsonNode p : page.path("items")) {
      String t = p.path("township").asString(null);
      if (t != null && !t.isBlank()) townships.add(t);
    }
    return townships;
  }

  private JsonNode get(String path, String id) {
    RestClientException failure = null;
    for (RestClient http : instances) {
      try {
        return get(http, path, id);
      } catch (RestClientException e) {
        if (e instanceof RestClientResponseException r && r.getStatusCode().value() == 404) return null;
        failure = e;
        if (!ReferenceClient.cannotAnswer(e)) break;
      }
    }
    if (failure instanceof RestClientResponseException r) {
      throw Problems.dependencyUnavailable(SERVICE, 5, "(it answered " + r.getStatusCode().value() + ")");
    }
    throw Problems.dependencyUnavailable(SERVICE, 5, "(" + failure.getClass().getSimpleName() + ")");
  }

  private JsonNode get(RestClient http, String path, String id) {
    String body = http.get().uri(path, id).header("Authorization", "Bearer " + tokens.county())
        .header("Accept", "application/json").retrieve().body(String.class);
    return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
  }
}
