package village.identity.clients;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import village.identity.accounts.OrganizationDirectory;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.validation.PlainText;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import village.support.web.Problems;

@RestController
@RequestMapping("/api/clients")
@Tag(name = "API clients", description = "Machine clients (OAuth client credentials) registered by the county")
class ClientController {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final ApiClients clients;
  private final PasswordEncoder encoder;
  private final OrganizationDirectory organizations;
  private final Clock clock;

  ClientController(ApiClients clients, PasswordEncoder encoder, OrganizationDirectory organizations, Clock clock) {
    this.clients = clients;
    this.encoder = encoder;
    this.organizations = organizations;
    this.clock = clock;
  }

  record RegisterClient(@NotBlank @Size(max = 100) @PlainText String name, @NotNull Role role,
      @Size(max = 100) @PlainText String township, @Size(max = 100) @PlainText String organizationId) {}

  record ClientResponse(String clientId, String name, Role role, String township, String organizationId, boolean enabled,
      long version, Instant createdAt, String createdBy) {
    static ClientResponse of(ApiClient c) {
      return new ClientResponse(c.clientId(), c.name(), c.role(), c.township(), c.organizationId(), c.enabled(), c.version(),
          c.createdAt(), c.createdBy());
    }
  }

  /** The registration with its secret, shown only here. */
  record RegisteredClient(String clientId, String clientSecret, String name, Role role, String township, String organizationId,
      Instant createdAt) {}

  @PostMapping
  @Operation(operationId = "registerClient", summary = "Register a machine client; the answer carries its secret (shown once)")
  @ApiResponse(responseCode = "201", description = "registered, with the client secret")
  ResponseEntity<RegisteredClient> register(@Valid @RequestBody RegisterClient body, Caller caller) {
    caller.requireAnyRole(Role.COUNTY);
    String township = null;
    String org = null;
    if (body.role() == Role.TOWNSHIP) {
      if (body.township() == null || body.township().isBlank()) throw Problems.invalid("township", "a TOWNSHIP client needs its township");
      township = body.township().strip();
    }
    if (body.role() == Role.ORGANIZATION) {
      if (body.organizationId() == null || body.organizationId().isBlank()) {
        throw Problems.invalid("organizationId", "an ORGANIZATION client needs its organization");
      }
      org = body.organizationId().strip();
      if (!organizations.exists(org)) throw Problems.unknownReference("organizationId", "Organization '" + org + "' does not exist.");
    }
    byte[] id = new byte[6];
    RANDOM.nextBytes(id);
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String clientId = "client-" + HexFormat.of().formatHex(id);
    String clientSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ApiClient c = new ApiClient(clientId, body.name().strip(), body.role(), township, org, true, encoder.encode(clientSecret), 1,
        clock.instant(), caller.subject());
    clients.insert(c);
    return ResponseEntity.created(URI.create("/api/clients/" + clientId))
        .body(new RegisteredClient(clientId, clientSecret, c.name(), c.role(), township, org, c.createdAt()));
  }

  @GetMapping
  @Operation(operationId = "listClients", summary = "The registered machine clients, oldest first")
  PageResponse<ClientResponse> list(Caller caller, @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.COUNTY);
    return clients.list(PageQuery.of(page, size)).map(ClientResponse::of);
  }

  @GetMapping("/{clientId}")
  @Operation(operationId = "getClient", summary = "One machine client")
  ClientResponse get(@PathVariable String clientId, Caller caller) {
    caller.requireAnyRole(Role.COUNTY);
    return ClientResponse.of(clients.find(clientId).orElseThrow(() -> Problems.notFound("Client", clientId)));
  }

  @PostMapping("/{clientId}/disable")
  @Operation(operationId = "disableClient", summary = "Disable a machine client: it gets no more tokens")
  ClientResponse disable(@PathVariable String clientId, Caller caller) {
    caller.requireAnyRole(Role.COUNTY);
    return ClientResponse.of(clients.setEnabled(clientId, false, caller.subject(), clock.instant()));
  }

  @PostMapping("/{clientId}/enable")
  @Operation(operationId = "enableClient", summary = "Enable a machine client again")
  ClientResponse enable(@PathVariable String clientId, Caller caller) {
    caller.requireAnyRole(Role.COUNTY);
    return ClientResponse.of(clients.setEnabled(clientId, true, caller.subject(), clock.instant()));
  }
}
