package village.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bounded fuzz of hostile requests (issue 15; DESIGN.md §10: no request of one caller makes the system fail for
 * another): through the gateway and straight to each service's port, with tokens of every role, a fixed seed and a few
 * thousand requests — malformed JSON, a wrong type in every field of every write of API.md, wildcard, missing and
 * unsupported media types, bad percent-encoding, bad UTF-8, control characters, huge numbers, dates out of range,
 * over-long URLs and headers, bodies over the limit with and without a length, odd methods and headers.
 * <p>Asserts: no answer is a 5xx or missing; every 4xx is {@code application/problem+json}; a body over 1 MiB is
 * 413 whether it has a length or not; afterwards another
 * caller gets 200 through the gateway from every service (no breaker opened). Prints the counts per status and
 * writes every failure to {@code target/hostile-requests-failures.txt}. Works in its own township (模糊镇).
 */
class HostileRequestsIT {
  static final long SEED = 15_2026_12_02L;
  static final String TOWNSHIP = "模糊镇";
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Values of the wrong type or out of every range, put in place of each field in turn. */
  static final List<Object> POISON = List.of(12345, -1, 1.5, true, "", "x", "\u0000\u0007\u001b", "\uD800",
      "9999-99-99", "+999999999-12-31", "0000-00-00", "2023-02-30", "-0.00", "1e400", "99999999999999999999.99",
      "NaN", "x".repeat(20_000), new java.math.BigInteger("9".repeat(400)), List.of(), List.of(1, "a"), Map.of(),
      Map.of("$gt", ""), NODES.nullNode());

  static RunningSystem system;
  static Map<String, Integer> ports = new LinkedHashMap<>();
  static final List<String> failures = new ArrayList<>();
  static final Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
  static int sent;
  static String orgId = "no-such-org", partnershipId = "no-such-partnership", needId = "no-such-need";
  static String projectId = "no-such-project", milestoneId = "no-such-milestone", fundId = "no-such-fund";
  static String disbursementId = "no-such-disbursement";
  final Random random = new Random(SEED);

  @BeforeAll
  static void fixtures() {
    system = RunningSystem.get();
    ports.put("gateway", port("GATEWAY_PORT"));
    ports.put("partnership-service", port("PARTNERSHIP_PORT"));
    ports.put("project-service", port("PROJECT_PORT"));
    ports.put("funds-service", port("FUNDS_PORT"));
    ports.put("reporting-service", port("REPORTING_PORT"));
    Http http = system.http;
    String township = system.token("hostile-setup", "TOWNSHIP", null, TOWNSHIP);
    for (String code : List.of("FZ001", "FZ002")) {
      Http.Response r = http.post("/api/villages", township, Map.of("code", code, "name", "模糊" + code + "村", "kind",
          "VILLAGE", "township", TOWNSHIP, "county", "安平县"), null);
      assertThat(r.status()).as(r.toString()).isIn(201, 409);
    }
    Http.Response org = http.post("/api/organizations", township, Map.of("name", "模糊企业", "type", "ENTERPRISE",
        "creditCode", CreditCodes.random()), null);
    if (org.ok()) orgId = org.text("id");
    Http.Response p = http.post("/api/partnerships", township, Map.of("organizationId", orgId, "villageCode", "FZ001",
        "startDate", "2023-02-01"), null);
    if (p.ok()) partnershipId = p.text("id");
    Http.Response n = http.post("/api/needs", township, Map.of("villageCode", "FZ001", "category", "OTHER", "title", "模糊需求"), null);
    if (n.ok()) needId = n.text("id");
    Http.Response pr = http.post("/api/projects", township, Map.of("name", "模糊项目", "industry", "WALNUT",
        "villageCodes", List.of("FZ001"), "scale", Map.of("quantity", 10, "unit", "MU"), "plannedInvestment", "1000.00",
        "startDate", "2023-03-01", "milestones", List.of(Map.of("title", "种植", "dueDate", "2023-06-01"))), null);
    if (pr.ok()) {
      projectId = pr.text("id");
      JsonNode m = pr.body().path("milestones").path(0);
      if (m.has("id")) milestoneId = m.path("id").asString();
    }
    Http.Response f = http.post("/api/funds", township, Map.of("source", "FISCAL", "villageCode", "FZ001",
        "committedAmount", "5000.00", "committedOn", "2023-03-01"), null);
    if (f.ok()) {
      fundId = f.text("id");
      Http.Response d = http.post("/api/funds/" + fundId + "/disbursements", township, Map.of("amount", "10.00",
          "disbursedOn", "2023-04-01"), null);
      if (d.ok()) disbursementId = d.text("id");
    }
  }

  /**
   * A component's port: the system's own when this JVM started it; for a system already running
   * ({@code VILLAGE_ACCEPTANCE_GATEWAY_URL}) the gateway's from that URL and the services' from their port variables.
   */
  static int port(String variable) {
    if (system.startedHere()) return system.port(variable);
    if (variable.equals("GATEWAY_PORT")) return java.net.URI.create(system.gatewayUrl).getPort();
    String v = System.getenv(variable);
    return v != null && !v.isBlank() ? Integer.parseInt(v.trim()) : system.port(variable);
  }

  /** A write of API.md: its service, method, path and a valid body (the fields to poison). */
  record Write(String service, String method, String path, ObjectNode body) {}

  List<Write> writes() {
    List<Write> w = new ArrayList<>();
    String ps = "partnership-service", prs = "project-service", fs = "funds-service";
    w.add(new Write(ps, "POST", "/api/villages", obj("code", "FZ9" + (100 + random.nextInt(800)), "name", "新村",
        "kind", "VILLAGE", "township", TOWNSHIP, "county", "安平县")));
    w.add(new Write(ps, "POST", "/api/organizations", obj("name", "企业", "type", "ENTERPRISE", "creditCode",
        CreditCodes.random(), "contact", obj("name", "张三", "phone", "13800000000"))));
    w.add(new Write(ps, "POST", "/api/partnerships", obj("organizationId", orgId, "villageCode", "FZ002",
        "startDate", "2023-02-01", "focus", arr("INDUSTRY"), "note", "备注")));
    w.add(new Write(ps, "POST", "/api/partnerships/" + partnershipId + "/end", obj("endDate", "2023-12-01", "reason", "结束")));
    w.add(new Write(ps, "POST", "/api/needs", obj("villageCode", "FZ001", "category", "OTHER", "title", "需求",
        "description", "描述")));
    w.add(new Write(ps, "POST", "/api/needs/" + needId + "/resolve", obj("partnershipId", partnershipId,
        "resolvedOn", "2023-05-01", "note", "好")));
    w.add(new Write(ps, "POST", "/api/needs/" + needId + "/claim", obj("organizationId", orgId)));
    w.add(new Write(ps, "POST", "/api/needs/" + needId + "/release", obj("reason", "放弃")));
    w.add(new Write(ps, "POST", "/api/organizations/" + orgId + "/resources", obj("category", "FUNDING", "title",
        "资金", "description", "说明")));
    w.add(new Write(prs, "POST", "/api/projects", obj("name", "项目", "industry", "WALNUT", "villageCodes", arr("FZ001"),
        "partnershipIds", arr(partnershipId), "leadOrganizationId", orgId, "scale", obj("quantity", 10, "unit", "MU"),
        "plannedInvestment", "1000.00", "startDate", "2023-03-01", "endDate", "2023-12-31",
        "milestones", arr(obj("title", "种植", "dueDate", "2023-06-01")))));
    w.add(new Write(prs, "POST", "/api/projects/" + projectId + "/status", obj("status", "APPROVED", "reason", "好")));
    w.add(new Write(prs, "POST", "/api/projects/" + projectId + "/progress", obj("percentComplete", 10,
        "reportedOn", "2023-05-01", "note", "进展")));
    w.add(new Write(prs, "POST", "/api/projects/" + projectId + "/milestones/" + milestoneId + "/complete",
        obj("completedOn", "2023-06-01")));
    w.add(new Write(fs, "POST", "/api/funds", obj("source", "SOCIAL_CAPITAL", "investorOrganizationId", orgId,
        "projectId", projectId, "villageCode", "FZ001", "committedAmount", "100.00", "committedOn", "2023-03-01")));
    w.add(new Write(fs, "POST", "/api/funds/" + fundId + "/disbursements", obj("amount", "1.00", "disbursedOn",
        "2023-04-02", "note", "拨付")));
    w.add(new Write(fs, "POST", "/api/funds/" + fundId + "/disbursements/" + disbursementId + "/reverse", obj("reason", "错")));
    w.add(new Write(fs, "PUT", "/api/collective-income/FZ001/2023", obj("amount", "300000.00")));
    return w;
  }

  /** Reads with the filters of API.md, for the query fuzz. */
  static final Map<String, String> READS = Map.ofEntries(
      Map.entry("/api/villages", "partnership-service"), Map.entry("/api/organizations", "partnership-service"),
      Map.entry("/api/partnerships", "partnership-service"), Map.entry("/api/needs", "partnership-service"),
      Map.entry("/api/projects", "project-service"), Map.entry("/api/funds", "funds-service"),
      Map.entry("/api/collective-income", "funds-service"), Map.entry("/api/stats/overview", "reporting-service"),
      Map.entry("/api/stats/villages", "reporting-service"), Map.entry("/api/stats/townships", "reporting-service"),
      Map.entry("/api/stats/export", "reporting-service"), Map.entry("/api/stats/report", "reporting-service"));
  static final List<String> PARAMS = List.of("page", "size", "year", "villageCode", "status", "type", "industry",
      "overdue", "source", "projectId", "organizationId", "investorOrganizationId", "township", "format");
  static final List<String> BAD_VALUES = List.of("%FF%FE", "%C3%28", "%ED%A0%80", "%", "%4", "%ZZ", "%00", "%0D%0A",
      "%1B%5B2J", "-1", "abc", "1e3", "99999999999999999999", "-99999999999", "2147483648", "%7B%22%24gt%22%3A%22%22%7D",
      "x".repeat(300), "%E6%B5%8B", "true", "", "%20", "..%2F..%2Factuator%2Fenv");

  @Test
  void hostileRequestsNeverGetA5xxAndEveryErrorIsAProblem() {
    long t0 = System.nanoTime();
    List<Write> writes = writes();
    List<String> services = List.of("gateway", "partnership-service", "project-service", "funds-service", "reporting-service");

    // 1. a wrong value in every field of every write, through the gateway and straight to the service
    for (Write w : writes) {
      for (String field : fields(w.body())) {
        for (int i = 0; i < 10; i++) {
          Object poison = POISON.get(random.nextInt(POISON.size()));
          String body = withField(w.body(), field, poison).toString();
          String via = random.nextBoolean() ? "gateway" : w.service();
          send(via, w.method(), w.path(), token(random.nextInt(4) == 0 ? "ORGANIZATION" : "TOWNSHIP"), json(), RawHttp.Body.of(body),
              "field " + field + "=" + abbreviate(String.valueOf(poison)));
        }
      }
    }
    // 2. malformed JSON and bytes that are not UTF-8, with every role, both ways
    List<byte[]> malformed = new ArrayList<>();
    for (String s : List.of("{", "{\"a\":", "[", "nul", "{\"a\":1}}", "{'a':1}", "{\"a\":01}", "{\"a\":1,}", "\"text\"",
        "[1,2,3]", "123", "{\"a\":\"\\uD800\"}", "\uFEFF{}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":1e99999}",
        "[".repeat(5000), "{\"a\":" + "1".repeat(100_000) + "}", "{\"a\":\"" + "\\u0000".repeat(50) + "\"}",
        "{\"__proto__\":{\"x\":1}}", "{\"a\":1,\"a\":2}")) {
      malformed.add(s.getBytes(StandardCharsets.UTF_8));
    }
    malformed.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
    malformed.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}'});
    malformed.add(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'});
    malformed.add(new byte[0]);
    for (Write w : writes) {
      for (byte[] m : malformed) {
        {
          String via = random.nextBoolean() ? "gateway" : w.service();
          send(via, w.method(), w.path(), token(pick("COUNTY", "TOWNSHIP", "ORGANIZATION")), json(), new RawHttp.Body(m, false),
              "malformed " + abbreviate(new String(m, StandardCharsets.UTF_8)));
        }
      }
    }
    // 3. media types: wildcard, missing, unsupported, broken, with charsets that do not exist; odd Accept headers
    List<String> types = List.of("*/*", "", "text/plain", "application/xml", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/json; charset=latin-7", "application/json; charset=UTF-16",
        ";;;", "application/", "/json", "application/json; boundary", "application/*", "text/*; q=0.1",
        "application/json\u0007", "application/problem+json", "application/merge-patch+json");
    for (Write w : writes) {
      for (String type : types) {
        {
          String via = random.nextBoolean() ? "gateway" : w.service();
          Map<String, String> h = new LinkedHashMap<>(auth(token("TOWNSHIP")));
          if (!type.isEmpty()) h.put("Content-Type", type);
          send(via, w.method(), w.path(), h, RawHttp.Body.of(w.body().toString()), "Content-Type '" + type + "'");
        }
      }
    }
    for (String accept : List.of("application/xml", "text/csv", "*/*;q=oops", "image/png", "application/json;q=0",
        "\u0001", "text/html, application/xhtml+xml")) {
      for (var e : READS.entrySet()) {
        Map<String, String> h = new LinkedHashMap<>(auth(token("COUNTY")));
        h.put("Accept", accept);
        send(random.nextBoolean() ? "gateway" : e.getValue(), "GET", e.getKey(), h, null, "Accept '" + accept + "'");
      }
    }
    // 4. the query and path: bad percent-encoding, bad UTF-8, control characters, huge and negative numbers
    for (var e : READS.entrySet()) {
      for (String param : PARAMS) {
        String value = BAD_VALUES.get(random.nextInt(BAD_VALUES.size()));
        String role = random.nextBoolean() ? "COUNTY" : "TOWNSHIP";
        for (String via : List.of("gateway", e.getValue())) {
          send(via, "GET", e.getKey() + "?" + param + "=" + value, auth(token(role)), null, "query " + param + "=" + value);
        }
      }
    }
    List<String> ids = List.of("%FF%FE", "%C3%28", "%ZZ", "%", "%00", "a%0Ab", "%2e%2e", "%2e%2e%2f%2e%2e%2factuator%2fenv",
        "..;", "x".repeat(2000), "%E6%B5%8B%E8%AF%95", "%7B%7D", "'%20OR%201=1", "\u00e6\u00b5\u008b");
    for (String base : List.of("/api/villages/", "/api/organizations/", "/api/partnerships/", "/api/needs/", "/api/projects/",
        "/api/funds/", "/api/needs/%s/history", "/api/projects/%s/history", "/api/funds/%s/history")) {
      String service = base.startsWith("/api/projects") ? "project-service" : base.startsWith("/api/funds") ? "funds-service" : "partnership-service";
      for (String id : ids) {
        String path = base.contains("%s") ? base.replace("%s", id) : base + id;
        for (String via : List.of("gateway", service)) {
          send(via, "GET", path, auth(token(pick("COUNTY", "TOWNSHIP", "ORGANIZATION"))), null, "id " + abbreviate(id));
        }
      }
    }
    // 5. over-long URL and headers, odd headers and methods, on every port
    for (String via : services) {
      String path = via.equals("gateway") || via.equals("partnership-service") ? "/api/villages" : via.equals("project-service")
          ? "/api/projects" : via.equals("funds-service") ? "/api/funds" : "/api/stats/overview";
      String county = token("COUNTY");
      send(via, "GET", path + "?q=" + "a".repeat(10_000), auth(county), null, "URL of 10 KB");
      send(via, "GET", path + "?q=" + "a".repeat(70_000), auth(county), null, "URL of 70 KB");
      send(via, "GET", path, with(auth(county), "X-Big", "b".repeat(20_000)), null, "a header of 20 KB");
      Map<String, String> many = new LinkedHashMap<>(auth(county));
      for (int i = 0; i < 300; i++) many.put("X-H" + i, "v".repeat(50));
      send(via, "GET", path, many, null, "300 headers");
      for (Map.Entry<String, String> h : List.of(Map.entry("If-Match", "garbage"), Map.entry("If-Match", "\"" + "9".repeat(40) + "\""),
          Map.entry("If-None-Match", "*"), Map.entry("Idempotency-Key", ""), Map.entry("Idempotency-Key", "k".repeat(2000)),
          Map.entry("Idempotency-Key", "\u00ff\u00fe"), Map.entry("X-Request-Id", "\u0001bad"), Map.entry("Range", "bytes=9-1"),
          Map.entry("Accept-Charset", "ebcdic"), Map.entry("Accept-Encoding", "br;q=x, gzip;q=2"),
          Map.entry("Authorization", "Bearer"), Map.entry("Authorization", "Basic YTpi"), Map.entry("Authorization", "Bearer a.b.c"),
          Map.entry("Authorization", "Bearer " + "A".repeat(3000)), Map.entry("Content-Length", "-1"),
          Map.entry("Content-Length", "abc"), Map.entry("Transfer-Encoding", "gzip"), Map.entry("Expect", "200-ok"))) {
        Map<String, String> hs = h.getKey().equals("Authorization") ? new LinkedHashMap<>() : new LinkedHashMap<>(auth(county));
        hs.put(h.getKey(), h.getValue());
        send(via, "GET", path, hs, null, "header " + h.getKey() + ": " + abbreviate(h.getValue()));
      }
      for (String method : List.of("DELETE", "PATCH", "PUT", "OPTIONS", "TRACE", "PROPFIND", "FOO")) {
        send(via, method, path, with(auth(token("TOWNSHIP")), "Content-Type", "application/json"), RawHttp.Body.of("{}"), "method " + method);
      }
      String ts = token("TOWNSHIP");
      String writePath = via.equals("reporting-service") ? "/api/stats/rebuild" : via.equals("project-service")
          ? "/api/projects" : via.equals("funds-service") ? "/api/funds" : "/api/needs";
      String writer = via.equals("reporting-service") ? token("COUNTY") : ts;
      byte[] big = ("{\"title\":\"" + "x".repeat(2 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
      send(via, "POST", writePath, with(auth(writer), "Content-Type", "application/json"), new RawHttp.Body(big, false), "2 MiB with a length");
      send(via, "POST", writePath, with(auth(writer), "Content-Type", "application/json"), new RawHttp.Body(big, true), "2 MiB chunked");
      // a TOWNSHIP token here, also for /api/stats/rebuild: a lying length must not start a rebuild of the read model
      send(via, "POST", writePath, with(auth(ts), "Content-Type", "application/json", "Content-Length", "5"),
          RawHttp.Body.of("{\"a\":1}"), "body longer than its Content-Length");
      send(via, "POST", writePath, with(auth(ts), "Content-Type", "application/json", "Content-Length", "20",
          "Transfer-Encoding", "chunked"), RawHttp.Body.of("{}"), "Content-Length and Transfer-Encoding");
    }
    double seconds = (System.nanoTime() - t0) / 1e9;

    // 6. afterwards another caller is served by every service through the gateway: no breaker was opened
    String good = system.token("hostile-good-caller", "COUNTY", null, null);
    List<String> afterwards = new ArrayList<>();
    for (String path : List.of("/api/villages?size=1", "/api/projects?size=1", "/api/funds?size=1", "/api/stats/overview")) {
      RawHttp.Answer a = RawHttp.exchange(ports.get("gateway"), "GET", path, auth(good), null);
      if (a.status() != 200) afterwards.add(path + " → " + a.status() + " " + abbreviate(a.body()));
    }

    StringBuilder summary = new StringBuilder("hostile requests: " + sent + " in " + Math.round(seconds) + " s (seed " + SEED + ")\n");
    statuses.forEach((via, counts) -> summary.append("  ").append(via).append(": ").append(counts).append('\n'));
    summary.append("  failures: ").append(failures.size()).append('\n');
    System.out.println(summary);
    write(summary + String.join("\n", failures) + "\n");
    assertThat(afterwards).as("a good caller after the fuzz, through the gateway").isEmpty();
    assertThat(failures).withFailMessage(() -> failures.size() + " answers were 5xx, missing, or 4xx without"
        + " application/problem+json (all in acceptance/target/hostile-requests-failures.txt); the first 60:\n"
        + String.join("\n", failures.subList(0, Math.min(60, failures.size())))).isEmpty();
  }

  private void send(String via, String method, String target, Map<String, String> headers, RawHttp.Body body, String what) {
    RawHttp.Answer a = RawHttp.exchange(ports.get(via), method, ascii(target), headers, body);
    sent++;
    statuses.computeIfAbsent(via, k -> new TreeMap<>()).merge(a.status(), 1, Integer::sum);
    boolean bad = a.status() < 0 || a.status() >= 500 || (what.startsWith("2 MiB") && a.status() != 413)
        || (a.status() >= 400 && !method.equals("HEAD") && !a.contentType().startsWith("application/problem+json"));
    if (bad) {
      failures.add(via + " " + method + " " + abbreviate(target) + " [" + what + "] → "
          + (a.status() < 0 ? "no answer (" + a.failure() + ")" : a.status() + " " + a.contentType() + " " + abbreviate(a.body())));
    }
  }

  /** The target as bytes on the wire: characters above U+007F as their UTF-8 bytes (raw, not percent-encoded). */
  private static String ascii(String target) {
    return new String(target.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  private static Map<String, String> json() {
    return Map.of();
  }

  private String token(String role) {
    int n = sent / 150; // a fresh subject now and then: the gateway's rate limit is per subject
    return switch (role) {
      case "COUNTY" -> system.token("hostile-county-" + n, "COUNTY", null, null);
      case "ORGANIZATION" -> system.token("hostile-org-" + n, "ORGANIZATION", orgId, null);
      default -> system.token("hostile-township-" + n, "TOWNSHIP", null, TOWNSHIP);
    };
  }

  private Map<String, String> auth(String token) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Authorization", "Bearer " + token);
    return h;
  }

  private void send(String via, String method, String target, String token, Map<String, String> extra, RawHttp.Body body, String what) {
    Map<String, String> h = new LinkedHashMap<>(auth(token));
    h.put("Content-Type", "application/json");
    h.putAll(extra);
    send(via, method, target, h, body, what);
  }

  private static Map<String, String> with(Map<String, String> h, String... kv) {
    Map<String, String> out = new LinkedHashMap<>(h);
    for (int i = 0; i + 1 < kv.length; i += 2) out.put(kv[i], kv[i + 1]);
    return out;
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }

  /** Every field, nested ones as a.b and arrays' first element as a.0.b. */
  static List<String> fields(JsonNode node) {
    List<String> out = new ArrayList<>();
    collect(node, "", out);
    return out;
  }

  private static void collect(JsonNode node, String prefix, List<String> out) {
    if (node instanceof ObjectNode o) {
      for (String name : o.propertyNames()) {
        out.add(prefix + name);
        JsonNode child = o.get(name);
        if (child.isContainer()) collect(child, prefix + name + ".", out);
      }
    } else if (node instanceof ArrayNode a && !a.isEmpty()) {
      out.add(prefix + "0");
      if (a.get(0).isContainer()) collect(a.get(0), prefix + "0.", out);
    }
  }

  static JsonNode withField(ObjectNode body, String path, Object value) {
    ObjectNode copy = body.deepCopy();
    String[] parts = path.split("\\.");
    JsonNode parent = copy;
    for (int i = 0; i < parts.length - 1; i++) parent = parent instanceof ArrayNode a ? a.get(0) : parent.get(parts[i]);
    JsonNode v = RawJson.MAPPER.valueToTree(value);
    String last = parts[parts.length - 1];
    if (parent instanceof ArrayNode a) a.set(0, v);
    else ((ObjectNode) parent).set(last, v);
    return copy;
  }

  static ObjectNode obj(Object... kv) {
    ObjectNode o = NODES.objectNode();
    for (int i = 0; i + 1 < kv.length; i += 2) o.set((String) kv[i], RawJson.MAPPER.valueToTree(kv[i + 1]));
    return o;
  }

  static ArrayNode arr(Object... items) {
    ArrayNode a = NODES.arrayNode();
    for (Object item : items) a.add(RawJson.MAPPER.<JsonNode>valueToTree(item));
    return a;
  }

  private static String abbreviate(String s) {
    StringBuilder b = new StringBuilder();
    s.chars().forEach(c -> b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
    String oneLine = b.toString();
    return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…(" + s.length() + ")" : oneLine;
  }

  private static void write(String text) {
    try {
      Path out = Path.of("target/hostile-requests-failures.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON mapper of the acceptance suite. */
  static final class RawJson {
    static final tools.jackson.databind.ObjectMapper MAPPER = Http.JSON;
  }
}
