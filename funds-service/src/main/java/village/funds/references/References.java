package village.funds.references;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import village.funds.support.Ids;
import village.support.references.ReferenceClient;
import village.support.references.ReferenceClients;

/**
 * Every look-up this service makes in other services, in one place: organizations and villages in
 * partnership-service, projects in project-service, over HTTP through the shared Resilience4j
 * {@link ReferenceClient}. An unknown (or not even well-formed) id is an empty result; a service that cannot answer
 * is a 503 problem with Retry-After thrown by the client, so the write that needed the check stores nothing.
 */
@Component
@EnableConfigurationProperties(FundsReferenceProperties.class)
public class References {
  private final ReferenceClient partnerships;
  private final ReferenceClient projects;

  References(ReferenceClients clients, FundsReferenceProperties props) {
    this.partnerships = clients.create("partnership-service", props.partnershipServiceUrl());
    this.projects = clients.create("project-service", props.projectServiceUrl());
  }

  /** A village of the register and its township. */
  public record Village(String code, String township) {}

  /** A project, its villages (in order) and its township. */
  public record Project(String id, List<String> villageCodes, String township) {
    public String firstVillage() {
      return villageCodes.isEmpty() ? null : villageCodes.get(0);
    }
  }

  public Optional<Village> village(String code) {
    if (!Ids.isSafe(code)) return Optional.empty();
    return partnerships.get("/api/villages/" + code).map(n -> new Village(text(n, "code", code), text(n, "township", null)));
  }

  public boolean organizationExists(String id) {
    return Ids.isSafe(id) && partnerships.exists("/api/organizations/" + id);
  }

  public Optional<Project> project(String id) {
    if (!Ids.isSafe(id)) return Optional.empty();
    return projects.get("/api/projects/" + id).map(n -> {
      List<String> codes = new ArrayList<>();
      n.path("villageCodes").forEach(c -> codes.add(c.asString()));
      return new Project(text(n, "id", id), List.copyOf(codes), text(n, "township", null));
    });
  }

  private static String text(JsonNode n, String field, String fallback) {
    JsonNode v = n.path(field);
    return v.isMissingNode() || v.isNull() ? fallback : v.asString();
  }
}
