package village.identity;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * partnership-service on a real socket, for what identity asks it: {@code GET /api/organizations/{id}} and
 * {@code GET /api/partnerships?organizationId=&status=ACTIVE} (each organization's partnerships in one township).
 */
final class PartnershipStub implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, String> townshipOf = new ConcurrentHashMap<>();
  volatile String lastAuthorization;

  PartnershipStub() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 20);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/api/", this::handle);
    server.start();
  }

  /** An organization with an ACTIVE partnership in {@code township} (null: none). */
  PartnershipStub organization(String id, String township) {
    townshipOf.put(id, township == null ? "" : township);
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      lastAuthorization = ex.getRequestHeaders().getFirst("Authorization");
      String path = ex.getRequestURI().getPath();
      String query = ex.getRequestURI().getQuery() == null ? "" : ex.getRequestURI().getQuery();
      String body = null;
      if (path.startsWith("/api/organizations/")) {
        String id = path.substring("/api/organizations/".length());
        if (townshipOf.containsKey(id)) body = "{\"id\":\"" + id + "\",\"name\":\"org\",\"version\":1}";
      } else if (path.equals("/api/partnerships")) {
        String org = query.replaceAll(".*organizationId=([^&]*).*", "$1");
        String t = townshipOf.getOrDefault(org, "");
        body = t.isEmpty() ? "{\"items\":[],\"page\":0,\"size\":500,\"total\":0}"
            : "{\"items\":[{\"id\":\"p1\",\"organizationId\":\"" + org + "\",\"villageCode\":\"V1\",\"township\":\"" + t
                + "\",\"status\":\"ACTIVE\"}],\"page\":0,\"size\":500,\"total\":1}";
      }
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
