package village.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problem responses written by the gateway itself (401, 403, 413, 429, 503). */
public final class ProblemResponses {
  public static final String TYPE_BASE = "https://village-registry.example/problems/";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ProblemResponses() {}

  public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String title, String detail,
      Map<String, String> headers) {
    return write(exchange, status, type, title, detail, Map.of(), headers);
  }

  /** With extension members ({@code properties}) after the standard ones. */
  public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String title, String detail,
      Map<String, ?> properties, Map<String, String> headers) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) return Mono.empty();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    headers.forEach((k, v) -> response.getHeaders().set(k, v));
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("type", TYPE_BASE + type);
    body.put("title", title);
    body.put("status", status.value());
    body.put("detail", detail);
    body.put("instance", exchange.getRequest().getPath().value());
    body.putAll(properties);
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    DataBuffer buffer = response.bufferFactory().wrap(bytes);
    return response.writeWith(Mono.just(buffer));
  }
}
