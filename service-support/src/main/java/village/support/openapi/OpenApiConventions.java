package village.support.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import village.support.security.Caller;
import village.support.web.ProblemException;

/**
 * What every service's OpenAPI document says the same way, so a client (Swagger UI through the gateway, a generated
 * TypeScript client) can use it: a real title, the gateway as the server (a relative URL: the document is served by
 * the gateway at {@code /openapi/<service>}), a bearer scheme required everywhere, no internal {@link Caller}
 * parameter, and the problem responses each operation can give, typed as {@code application/problem+json}.
 * Controllers state their summaries, tags and success codes with springdoc's annotations.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConventions {

  static final String BEARER = "bearer";
  static final String PROBLEM = "Problem";
  static final String PROBLEM_MEDIA_TYPE = "application/problem+json";

  /** Problem responses by status, with the words a client reads in the document. */
  static final Map<String, String> PROBLEMS = problems();

  static {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
  }

  @Bean
  OpenAPI villageOpenApi(@Value("${spring.application.name:service}") String service,
                         @Value("${village.openapi.server-url:/}") String serverUrl,
                         @Value("${village.openapi.version:1.0}") String version) {
    return new OpenAPI()
        .info(new Info()
            .title("Village Partnership Registry — " + service)
            .version(version)
            .description("The " + service + " part of the registry's public API (docs/API.md). Every call needs a bearer "
                + "token (`./village token ROLE`); errors are `application/problem+json`.")
            .license(new License().name("Proprietary — the township and county that run it")))
        .servers(List.of(new Server().url(serverUrl).description("the gateway")))
        .addSecurityItem(new SecurityRequirement().addList(BEARER))
        .components(new Components()
            .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("A JWT with the claims sub, roles (COUNTY, TOWNSHIP, ORGANIZATION), township, org"))
            .addSchemas(PROBLEM, problemSchema()));
  }

  /** Adds the problem responses an operation can give (by its method, path and headers) to what it declares. */
  @Bean
  GlobalOperationCustomizer villageProblemResponses() {
    return (Operation operation, HandlerMethod handler) -> {
      ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
      for (String status : problemStatuses(operation, handler)) {
        if (!responses.containsKey(status)) responses.addApiResponse(status, problemResponse(status));
      }
      operation.setResponses(responses);
      return operation;
    };
  }

  static List<String> problemStatuses(Operation operation, HandlerMethod handler) {
    List<String> statuses = new ArrayList<>();
    boolean write = isWrite(handler);
    boolean body = hasBody(handler);
    statuses.add("400");
    statuses.add("401");
    statuses.add("403");
    if (hasPathParameter(operation)) statuses.add("404");
    if (write) {
      statuses.add("409");
      if (hasHeader(operation, "If-Match")) statuses.add("412");
      if (body) {
        statuses.add("413");
        statuses.add("415");
      }
      if (hasHeader(operation, "Idempotency-Key")) statuses.add("422");
    }
    statuses.add("429");
    statuses.add("503");
    return statuses;
  }

  private static boolean isWrite(HandlerMethod handler) {
    var m = handler.getMethod();
    return m.isAnnotationPresent(org.springframework.web.bind.annotation.PostMapping.class)
        || m.isAnnotationPresent(org.springframework.web.bind.annotation.PutMapping.class)
        || m.isAnnotationPresent(org.springframework.web.bind.annotation.PatchMapping.class)
        || m.isAnnotationPresent(org.springframework.web.bind.annotation.DeleteMapping.class);
  }

  private static boolean hasBody(HandlerMethod handler) {
    for (var p : handler.getMethodParameters()) {
      if (p.hasParameterAnnotation(org.springframework.web.bind.annotation.RequestBody.class)) return true;
    }
    return false;
  }

  private static boolean hasPathParameter(Operation operation) {
    return operation.getParameters() != null && operation.getParameters().stream().anyMatch(p -> "path".equals(p.getIn()));
  }

  private static boolean hasHeader(Operation operation, String name) {
    if (operation.getParameters() == null) return false;
    for (Parameter p : operation.getParameters()) {
      if ("header".equals(p.getIn()) && name.equalsIgnoreCase(p.getName())) return true;
    }
    return false;
  }

  static ApiResponse problemResponse(String status) {
    return new ApiResponse().description(PROBLEMS.get(status))
        .content(new Content().addMediaType(PROBLEM_MEDIA_TYPE, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  static Schema problemSchema() {
    Schema fieldError = new ObjectSchema()
        .addProperty("field", new StringSchema().description("the request field (a JSON path such as commitment.amount)"))
        .addProperty("message", new StringSchema().description("what is wrong with it"));
    return new ObjectSchema()
        .description("RFC 9457 problem details")
        .addProperty("type", new StringSchema().format("uri").description("stable problem type, " + ProblemException.TYPE_BASE + "<slug>")
            .example(ProblemException.TYPE_BASE + "validation"))
        .addProperty("title", new StringSchema().example("Invalid request"))
        .addProperty("status", new IntegerSchema().example(400))
        .addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema().format("uri-reference"))
        .addProperty("requestId", new StringSchema().description("the X-Request-Id of the request"))
        .addProperty("errors", new ArraySchema().items(fieldError).description("one entry per invalid field (400)"))
        .addProperty("outcome", new StringSchema()._enum(List.of("not-applied", "unknown"))
            .description("503 for a write: nothing was stored, or the outcome is unknown (retry with the same Idempotency-Key)"))
        .addProperty("retryAfterSeconds", new IntegerSchema().description("503: when to try again (also the Retry-After header)"))
        .required(List.of("type", "title", "status"));
  }

  private static Map<String, String> problems() {
    Map<String, String> m = new HashMap<>();
    m.put("400", "Bad request: malformed JSON, a wrong type, a field that breaks a validation rule (see errors)");
    m.put("401", "No bearer token, or one that is invalid or expired");
    m.put("403", "The caller's role, township or organization does not allow this");
    m.put("404", "No such resource");
    m.put("409", "Conflict with the current state (duplicate, wrong state for this move, an unknown reference)");
    m.put("412", "If-Match does not match the resource's current version (ETag)");
    m.put("413", "Request body over the limit");
    m.put("415", "Content-Type is not application/json");
    m.put("422", "Idempotency-Key reused with a different request body");
    m.put("429", "Rate limit exceeded; see Retry-After");
    m.put("503", "A database or another service is unavailable; see Retry-After and outcome");
    return Map.copyOf(m);
  }
}
