package village.gateway.console;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The console's pages: a browser's GET of one of its deep links ({@code /townships/城关镇}, {@code /needs?status=OPEN})
 * is answered with {@code index.html}, and the single-page application routes it. Only GETs that accept text/html, for
 * paths outside the API and the gateway's own endpoints and without a file extension (an asset that is missing stays
 * 404). Runs after the security filter chain, which has judged the original path. Hashed assets are cached for a year;
 * index.html is revalidated every time (so a new build is picked up at once).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class ConsolePages implements WebFilter {
  static final String INDEX = "/index.html";
  private static final List<String> NOT_PAGES = List.of("/api", "/actuator", "/v3", "/swagger-ui", "/webjars", "/openapi",
      "/fallback", "/session", "/oauth2", "/login", "/logout", "/assets");

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    if (path.startsWith("/assets/")) {
      exchange.getResponse().beforeCommit(() -> {
        if (exchange.getResponse().getStatusCode() != null && exchange.getResponse().getStatusCode().is2xxSuccessful()) {
          exchange.getResponse().getHeaders().setCacheControl("public, max-age=31536000, immutable");
        }
        return Mono.empty();
      });
      return chain.filter(exchange);
    }
    if (!isPage(exchange.getRequest().getMethod(), path, exchange.getRequest().getHeaders())) return chain.filter(exchange);
    exchange.getResponse().beforeCommit(() -> {
      exchange.getResponse().getHeaders().setCacheControl("no-cache");
      return Mono.empty();
    });
    if (path.equals(INDEX)) return chain.filter(exchange);
    return chain.filter(exchange.mutate().request(r -> r.path(INDEX)).build());
  }

  static boolean isPage(HttpMethod method, String path, HttpHeaders headers) {
    if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) return false;
    if (path.equals(INDEX) || path.equals("/")) return true;
    for (String prefix : NOT_PAGES) {
      if (path.equals(prefix) || path.startsWith(prefix + "/")) return false;
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    if (last.contains(".")) return false;
    return acceptsHtml(headers);
  }

  private static boolean acceptsHtml(HttpHeaders headers) {
    for (MediaType type : headers.getAccept()) {
      if (type.getType().equals("text") && type.getSubtype().equals("html")) return true;
    }
    return false;
  }
}
