package village.identity.keys;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import village.support.security.Caller;
import village.support.security.Role;

@RestController
@RequestMapping("/api/identity/keys")
@Tag(name = "Signing keys", description = "The keys identity-service signs tokens with (COUNTY)")
class KeyController {
  private final SigningKeys keys;

  KeyController(SigningKeys keys) {
    this.keys = keys;
  }

  /** One key as the API shows it (never its private part). */
  record KeyResponse(String kid, String alg, Instant createdAt, Instant retiredAt, boolean signing) {
    static KeyResponse of(SigningKeys.StoredKey k) {
      return new KeyResponse(k.kid(), "RS256", k.createdAt(), k.retiredAt(), k.retiredAt() == null);
    }
  }

  @GetMapping
  @Operation(operationId = "listSigningKeys", summary = "The keys in the JWKS, the signing one first")
  List<KeyResponse> list(Caller caller) {
    caller.requireAnyRole(Role.COUNTY);
    return keys.all().stream().map(KeyResponse::of).toList();
  }

  @PostMapping("/rotate")
  @Operation(operationId = "rotateSigningKey", summary = "A new key signs from now on; the old ones stay in the JWKS until their tokens expired")
  KeyResponse rotate(Caller caller) {
    caller.requireAnyRole(Role.COUNTY);
    return KeyResponse.of(keys.rotate());
  }
}
