package village.gateway.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The path and query must be well-formed: every {@code %} followed by two hex digits, the decoded bytes valid UTF-8,
 * and no control character (U+0000–U+001F, U+007F) once decoded — no id, code, name or filter of the API has one.
 * Otherwise 400 problem at the gateway, before authentication, routing or any service sees the request. An
 * {@code Expect} other than {@code 100-continue} is answered 417 here too (the services' Tomcat would answer it with
 * an HTML page).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class RequestTargetFilter implements WebFilter {
  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String expect = exchange.getRequest().getHeaders().getFirst("Expect");
    if (expect != null && !expect.trim().equalsIgnoreCase("100-continue")) {
      return ProblemResponses.write(exchange, HttpStatus.EXPECTATION_FAILED, "expectation-failed", "Expectation failed",
          "Only 'Expect: 100-continue' is supported.", Map.of());
    }
    var uri = exchange.getRequest().getURI();
    String problem = check("path", uri.getRawPath());
    if (problem == null) problem = check("query", uri.getRawQuery());
    if (problem == null) return chain.filter(exchange);
    return ProblemResponses.write(exchange, HttpStatus.BAD_REQUEST, "bad-request-target", "Bad request",
        "The request's " + problem + ".", Map.of());
  }

  /** Null when fine, else what is wrong (as the end of a sentence). */
  static String check(String part, String raw) {
    if (raw == null || raw.isEmpty()) return null;
    ByteBuffer bytes = ByteBuffer.allocate(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
          return part + " has a '%' not followed by two hex digits";
        }
        bytes.put((byte) (hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2))));
        i += 2;
      } else if (c > 0x7f) {
        return part + " has a character that is not percent-encoded";
      } else {
        bytes.put((byte) c);
      }
    }
    bytes.flip();
    String decoded;
    try {
      decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
    } catch (CharacterCodingException e) {
      return part + " is not valid UTF-8 once percent-decoded";
    }
    for (int i = 0; i < decoded.length(); i++) {
      char c = decoded.charAt(i);
      if (c < 0x20 || c == 0x7f) return part + " has a control character";
    }
    return null;
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
