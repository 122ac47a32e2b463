package village.gateway.console;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import village.gateway.web.ProblemResponses;

/**
 * {@code GET /session}: who the console is talking for — {@code {username, name, roles, township, org}} of a signed-in
 * (session) or bearer caller, a 401 problem otherwise (the console then shows its sign-in page).
 */
@Hidden
@RestController
class SessionController {
  @GetMapping("/session")
  Mono<ResponseEntity<Object>> session(ServerWebExchange exchange) {
    return exchange.getPrincipal()
        .filter(Authentication.class::isInstance)
        .flatMap(p -> Mono.justOrEmpty(SignedInUser.of((Authentication) p)))
        .map(user -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON)
            .<Object>body(user))
        .switchIfEmpty(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).cacheControl(CacheControl.noStore())
            .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(nobody(exchange))));
  }

  private static Object nobody(ServerWebExchange exchange) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", ProblemResponses.TYPE_BASE + "unauthorized");
    body.put("title", "Unauthorized");
    body.put("status", 401);
    body.put("detail", "Nobody is signed in.");
    body.put("instance", exchange.getRequest().getPath().value());
    return body;
  }
}
