package village.acceptance;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import village.devstack.SigningKey;
import village.devstack.Tokens;

/**
 * Loads the township's 2023 (resources {@code demo/township-2023.json}, with 2022's collective income for the report's
 * comparison) through the public API, as a township official would, then prints the county overview beside the
 * report's figures and the report drafted from them ({@code GET /api/stats/report?format=md}).
 *
 * <p>Safe to run twice: every creating call carries an {@code Idempotency-Key} derived from the dataset's own
 * keys, so a second run gets the same ids back and creates nothing; state changes that were already made
 * (a resolved need, a project already IN_PROGRESS) are recognised and skipped. Projects, needs and funds carry the
 * dataset's key as their {@code ref} and are looked up by it first, so loading after the same data was imported as a
 * workbook ({@link DemoWorkbook}, {@code ./village demo --xlsx}) creates nothing either.
 */
public final class DemoLoader {
  public static final String DATASET = "demo/township-2023.json";
  private static final int PARALLEL = 6;

  private final Http http;
  private final PrintStream out;
  private final JsonNode data;
  private final String township;
  private final String townshipToken;
  private final String countyToken;
  private final Map<String, String> organizationIds = new ConcurrentHashMap<>();
  private final Map<String, String> partnershipIds = new ConcurrentHashMap<>();
  private final Map<String, String> projectIds = new ConcurrentHashMap<>();

  public DemoLoader(String gatewayUrl, SigningKey key, String issuer, PrintStream out) {
    this.http = new Http(gatewayUrl);
    this.out = out;
    this.data = dataset();
    this.township = data.path("township").asString();
    this.townshipToken = Tokens.sign(key, issuer, "demo-township-official", List.of("TOWNSHIP"), null, township,
        Duration.ofHours(2), null);
    this.countyToken = Tokens.sign(key, issuer, "demo-county-statistician", List.of("COUNTY"), null, null,
        Duration.ofHours(2), null);
  }

  public static void main(String[] args) {
    String url = env("VILLAGE_GATEWAY_URL", "http://127.0.0.1:8080");
    String keyFile = env("VILLAGE_SIGNING_KEY_FILE", null);
    if (keyFile == null) {
      System.err.println("VILLAGE_SIGNING_KEY_FILE is not set (./village demo sets it to data/identity-signing-key.json)");
      System.exit(2);
    }
    SigningKey key;
    try {
      key = SigningKey.read(java.nio.file.Path.of(keyFile));
    } catch (java.io.IOException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    DemoLoader loader = new DemoLoader(url, key, env("IDENTITY_ISSUER_URI", "http://localhost:8085"), System.out);
    boolean loaded = java.util.Arrays.asList(args).contains("--loaded"); // by ./village import of the workbook
    try {
      if (!loaded) loader.load();
      loader.printDemoAccounts();
      List<ReportFigures.Row> rows = loader.compareWithReport(Duration.ofSeconds(90));
      System.out.println();
      System.out.println("County overview for " + loader.data.path("year").asInt() + " (" + loader.township
          + ", " + loader.data.path("county").asString() + ") beside the report's figures:");
      System.out.println();
      System.out.print(ReportFigures.table(rows));
      boolean all = rows.stream().allMatch(ReportFigures.Row::matches);
      System.out.println();
      System.out.println(all ? "All figures match the report." : "Some figures do not match the report (✗).");
      boolean previous = loader.awaitPreviousYear(Duration.ofSeconds(60));
      Http.Response report = loader.draftedReport("md");
      System.out.println();
      System.out.println("The report drafted from them (GET " + loader.reportPath("md") + "):");
      System.out.println();
      System.out.println(report.ok() ? report.text() : report.toString());
      String comparison = ReportFigures.COMPARISON;
      boolean compared = previous && report.ok() && report.text().contains(comparison);
      System.out.println((compared ? "✓ " : "✗ ") + "\"" + comparison + "\" (computed from the "
          + (loader.data.path("year").asInt() - 1) + " figures)");
      System.exit(all && compared ? 0 : 1);
    } catch (RuntimeException e) {
      System.err.println("demo failed: " + e.getMessage());
      System.exit(1);
    }
  }

  /** A user name and the one-time password to sign in with (changed at the first sign-in). */
  public record DemoAccount(String username, String role, String password) {}

  /**
   * The demo's accounts at identity-service: a TOWNSHIP account for the demo township and an ORGANIZATION account
   * for its first organization, each with a fresh one-time password (created, or reset when it exists).
   */
  public List<DemoAccount> demoAccounts() {
    String first = data.path("organizations").get(0).path("key").asString();
    String org = organizationIds.computeIfAbsent(first, k -> findOrganization(data.path("organizations").get(0).path("creditCode").asString()));
    return List.of(
        account(countyToken, Map.of("username", "demo-township", "displayName", township + "办事员", "role", "TOWNSHIP",
            "township", township)),
        account(townshipToken, Map.of("username", "demo-organization", "displayName",
            data.path("organizations").get(0).path("name").asString() + "联络员", "role", "ORGANIZATION",
            "organizationId", org)));
  }

  void printDemoAccounts() {
    System.out.println();
    System.out.println("Demo accounts (sign in at " + http.baseUrl() + "/; the one-time password must be changed):");
    for (DemoAccount a : demoAccounts()) {
      System.out.printf("  %-13s %-18s %s%n", a.role(), a.username(), a.password());
    }
  }

  private DemoAccount account(String token, Map<String, String> body) {
    Http.Response r = http.post("/api/users", token, body, null);
    String password;
    if (r.status() == 201) {
      password = r.body().path("temporaryPassword").asString();
    } else if (r.status() == 409) {
      Http.Response reset = must(http.post("/api/users/" + body.get("username") + "/password-reset", token, Map.of(), null),
          "password reset of " + body.get("username"));
      password = reset.body().path("temporaryPassword").asString();
    } else {
      throw new IllegalStateException("account " + body.get("username") + ": " + r);
    }
    return new DemoAccount(body.get("username"), body.get("role"), password);
  }

  /** The bundled dataset. */
  public static JsonNode dataset() {
    try (InputStream in = DemoLoader.class.getClassLoader().getResourceAsStream(DATASET)) {
      if (in == null) {
        throw new IllegalStateException(DATASET + " is not on the classpath");
      }
      return Http.JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DATASET, e);
    }
  }

  /** Loads everything; throws with the failing call's response when something is refused. */
  public void load() {
    long t0 = System.nanoTime();
    each("organizations", data.path("organizations"), 1, this::organization);
    each("partnerships", data.path("partnerships"), PARALLEL, this::partnership);
    each("projects", data.path("projects"), 1, this::project);
    each("funds", data.path("funds"), PARALLEL, this::fund);
    each("needs", data.path("needs"), PARALLEL, this::need);
    each("collective income", data.path("collectiveIncome"), PARALLEL, i -> income(i, data.path("year").asInt()));
    JsonNode previous = data.path("previousYear");
    if (!previous.isMissingNode()) { // the year the report compares with
      int year = previous.path("year").asInt();
      each("income " + year, previous.path("collectiveIncome"), PARALLEL, i -> income(i, year));
    }
    out.printf("Loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  /**
   * Polls the 2023 overview (the read model is eventually consistent) until every figure matches or the time is
   * up; returns the last comparison.
   */
  public List<ReportFigures.Row> compareWithReport(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    List<ReportFigures.Row> rows;
    while (true) {
      Http.Response r = http.get("/api/stats/overview?year=" + data.path("year").asInt() + "&township="
          + enc(township), countyToken);
      rows = r.ok() ? ReportFigures.compare(r.body()) : List.of();
      if (r.ok() && rows.stream().allMatch(ReportFigures.Row::matches)) {
        return rows;
      }
      if (System.nanoTime() > deadline) {
        if (!r.ok()) {
          throw new IllegalStateException("GET /api/stats/overview: " + r);
        }
        return rows;
      }
      sleep(500);
    }
  }

  /**
   * Waits until the previous year's collective income (the report's comparison) is in the statistics as the dataset
   * has it; false when it is not within {@code wait}.
   */
  public boolean awaitPreviousYear(Duration wait) {
    JsonNode expected = data.path("expected").path("previousYear");
    if (expected.isMissingNode()) return true;
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Http.Response r = http.get("/api/stats/overview?year=" + data.path("previousYear").path("year").asInt()
          + "&township=" + enc(township), countyToken);
      JsonNode income = r.body().path("collectiveIncome");
      if (r.ok() && ReportFigures.decimal(income.path("total").asString("")).compareTo(
          ReportFigures.decimal(expected.path("collectiveIncomeTotal").asString())) == 0
          && income.path("bands").path("atLeast500k").asLong() == expected.path("bandAtLeast500k").asLong()) {
        return true;
      }
      if (System.nanoTime() > deadline) return false;
      sleep(500);
    }
  }

  /** {@code /api/stats/report} of the dataset's year and township in this format. */
  public String reportPath(String format) {
    return "/api/stats/report?year=" + data.path("year").asInt() + "&township=" + enc(township) + "&format=" + format;
  }

  /** The report drafted for the dataset's year and township (as the township official reads it). */
  public Http.Response draftedReport(String format) {
    return http.get(reportPath(format), townshipToken);
  }

  public Http http() {
    return http;
  }

  public String townshipToken() {
    return townshipToken;
  }

  public String countyToken() {
    return countyToken;
  }

  public Map<String, String> organizationIds() {
    return organizationIds;
  }

  public Map<String, String> partnershipIds() {
    return partnershipIds;
  }

  public Map<String, String> projectIds() {
    return projectIds;
  }

  // ------------------------------------------------------------------------------------------- the steps

  private void organization(JsonNode o) {
    ObjectNode body = Http.JSON.createObjectNode();
    body.put("name", o.path("name").asString());
    body.put("type", o.path("type").asString());
    body.put("creditCode", o.path("creditCode").asString());
    body.set("contact", o.path("contact"));
    Http.Response r = http.post("/api/organizations", townshipToken, body, key("org", o));
    if (r.status() == 409) { // registered before, by someone else: find it by its credit code
      organizationIds.put(o.path("key").asString(), findOrganization(o.path("creditCode").asString()));
      return;
    }
    organizationIds.put(o.path("key").asString(), created(r, "organization " + o.path("name").asString()));
  }

  private String findOrganization(String creditCode) {
    for (JsonNode item : http.get("/api/organizations?size=500", townshipToken).body().path("items")) {
      if (creditCode.equals(item.path("creditCode").asString())) {
        return item.path("id").asString();
      }
    }
    throw new IllegalStateException("organization " + creditCode + " is registered but cannot be found");
  }

  private void partnership(JsonNode p) {
    String org = organizationIds.get(p.path("organization").asString());
    ObjectNode body = Http.JSON.createObjectNode();
    body.put("organizationId", org);
    body.put("villageCode", p.path("villageCode").asString());
    body.put("startDate", p.path("startDate").asString());
    body.set("focus", p.path("focus"));
    Http.Response r = http.post("/api/partnerships", townshipToken, body, key("partnership", p));
    if (r.status() == 409) { // that pair is already ACTIVE (made outside this loader)
      Http.Response found = http.get("/api/partnerships?status=ACTIVE&organizationId=" + enc(org) + "&villageCode="
          + enc(p.path("villageCode").asString()), townshipToken);
      JsonNode item = found.body().path("items").path(0);
      if (item.isMissingNode()) {
        throw new IllegalStateException("partnership " + p.path("key").asString() + ": " + r);
      }
      partnershipIds.put(p.path("key").asString(), item.path("id").asString());
      return;
    }
    partnershipIds.put(p.path("key").asString(), created(r, "partnership " + p.path("key").asString()));
  }

  private void project(JsonNode p) {
    ObjectNode body = Http.JSON.createObjectNode();
    body.put("name", p.path("name").asString());
    body.put("industry", p.path("industry").asString());
    body.set("villageCodes", p.path("villageCodes"));
    var ps = body.putArray("partnershipIds");
    p.path("partnerships").forEach(k -> ps.add(partnershipIds.get(k.asString())));
    body.put("leadOrganizationId", organizationIds.get(p.path("leadOrganization").asString()));
    body.set("scale", p.path("scale"));
    body.put("plannedInvestment", p.path("plannedInvestment").asString());
    body.put("startDate", p.path("startDate").asString());
    body.put("endDate", p.path("endDate").asString());
    var ms = body.putArray("milestones");
    p.path("milestones").forEach(m -> ms.addObject().put("title", m.path("title").asString())
        .put("dueDate", m.path("dueDate").asString()));
    body.put("ref", p.path("key").asString());
    String id = byRef("/api/projects?villageCode=" + enc(p.path("villageCodes").path(0).asString()), p);
    if (id == null) {
      id = created(http.post("/api/projects", townshipToken, body, key("project", p)), "project " + p.path("key").asString());
    }
    projectIds.put(p.path("key").asString(), id);

    String target = p.path("status").asString();
    List<String> path = switch (target) {
      case "APPROVED" -> List.of("APPROVED");
      case "IN_PROGRESS" -> List.of("APPROVED", "IN_PROGRESS");
      case "COMPLETED" -> List.of("APPROVED", "IN_PROGRESS", "COMPLETED");
      default -> List.of();
    };
    JsonNode current = must(http.get("/api/projects/" + id, townshipToken), "project " + id).body();
    int done = path.indexOf(current.path("status").asString()) + 1;
    for (int i = done; i < path.size(); i++) {
      String status = path.get(i);
      must(http.post("/api/projects/" + id + "/status", townshipToken,
          Map.of("status", status, "reason", "demo: " + p.path("name").asString()), null), "status " + status);
      if (status.equals("IN_PROGRESS")) {
        progress(p, id); // reports and milestones while IN_PROGRESS, before it may be COMPLETED
      }
    }
    if (target.equals("IN_PROGRESS") && done == path.size()) {
      progress(p, id); // a second run: the same Idempotency-Keys, nothing new
    }
  }

  private void progress(JsonNode p, String id) {
    int n = 0;
    JsonNode reports = p.path("progress");
    JsonNode now = must(http.get("/api/projects/" + id, townshipToken), "project " + id).body();
    boolean reported = !reports.isEmpty() && now.path("percentComplete").isNumber()
        && now.path("percentComplete").asInt() == reports.get(reports.size() - 1).path("percentComplete").asInt();
    for (JsonNode report : reported ? Http.JSON.createArrayNode() : reports) { // reported: by an import of the workbook
      n++;
      Http.Response r = http.post("/api/projects/" + id + "/progress", townshipToken, report,
          "demo-progress-" + p.path("key").asString() + "-" + n);
      if (r.status() != 409) { // 409: not IN_PROGRESS (yet / any more)
        must(r, "progress of " + p.path("key").asString());
      }
    }
    JsonNode project = http.get("/api/projects/" + id, townshipToken).body();
    int i = 0;
    for (JsonNode m : p.path("milestones")) {
      JsonNode stored = project.path("milestones").path(i++);
      if (m.has("completedOn") && stored.has("id")) {
        Http.Response r = http.post("/api/projects/" + id + "/milestones/" + stored.path("id").asString()
            + "/complete", townshipToken, Map.of("completedOn", m.path("completedOn").asString()), null);
        if (r.status() != 409) {
          must(r, "milestone of " + p.path("key").asString());
        }
      }
    }
  }

  private void fund(JsonNode f) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("source", f.path("source").asString());
    if (f.has("investorOrganization")) {
      body.put("investorOrganizationId", organizationIds.get(f.path("investorOrganization").asString()));
    }
    if (f.has("project")) {
      body.put("projectId", projectIds.get(f.path("project").asString()));
    }
    if (f.has("villageCode")) {
      body.put("villageCode", f.path("villageCode").asString());
    }
    body.put("committedAmount", f.path("committedAmount").asString());
    body.put("committedOn", f.path("committedOn").asString());
    body.put("ref", f.path("key").asString());
    String fundKey = key("fund", f);
    String id = byRef("/api/funds?" + (f.has("villageCode") ? "villageCode=" + enc(f.path("villageCode").asString())
        : "projectId=" + enc(projectIds.get(f.path("project").asString()))), f);
    if (id == null) id = created(http.post("/api/funds", townshipToken, body, fundKey), "fund " + f.path("key").asString());
    JsonNode paid = must(http.get("/api/funds/" + id, townshipToken), "fund " + id).body().path("disbursements");
    for (JsonNode d : f.path("disbursements")) {
      JsonNode made = null; // the same payment on the fund already (this loader's earlier run, or an import of the workbook)
      for (JsonNode x : paid) {
        if (ReportFigures.decimal(x.path("amount").asString("")).compareTo(ReportFigures.decimal(d.path("amount").asString())) == 0
            && d.path("disbursedOn").asString().equals(x.path("disbursedOn").asString())) made = x;
      }
      String disbursementId = made != null ? made.path("id").asString() : created(http.post("/api/funds/" + id + "/disbursements",
          townshipToken, Map.of("amount", d.path("amount").asString(), "disbursedOn", d.path("disbursedOn").asString()),
          fundKey + "-" + d.path("key").asString()), "disbursement " + f.path("key").asString() + "/" + d.path("key").asString());
      if (d.has("reverse") && (made == null || !made.path("reversed").asBoolean())) {
        Http.Response rev = http.post("/api/funds/" + id + "/disbursements/" + disbursementId + "/reverse",
            townshipToken, Map.of("reason", d.path("reverse").asString()), null);
        if (rev.status() != 409) { // 409: reversed on an earlier run
          must(rev, "reversal");
        }
      }
    }
  }

  private void need(JsonNode n) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("villageCode", n.path("villageCode").asString());
    body.put("category", n.path("category").asString());
    body.put("title", n.path("title").asString());
    body.put("description", n.path("description").asString());
    body.put("ref", n.path("key").asString());
    String id = byRef("/api/needs?villageCode=" + enc(n.path("villageCode").asString()), n);
    if (id == null) id = created(http.post("/api/needs", townshipToken, body, key("need", n)), "need " + n.path("key").asString());
    if (n.has("resolvedBy")) {
      Http.Response r = http.post("/api/needs/" + id + "/resolve", townshipToken,
          Map.of("partnershipId", partnershipIds.get(n.path("resolvedBy").asString()),
              "resolvedOn", n.path("resolvedOn").asString()), null);
      if (r.status() != 409) { // 409: resolved on an earlier run
        must(r, "resolve need " + n.path("key").asString());
      }
    }
  }

  private void income(JsonNode i, int year) {
    must(http.put("/api/collective-income/" + enc(i.path("villageCode").asString()) + "/" + year,
        townshipToken, Map.of("amount", i.path("amount").asString())), "income of " + i.path("villageCode").asString());
  }

  // ------------------------------------------------------------------------------------------- plumbing

  private void each(String what, JsonNode items, int parallel, Consumer<JsonNode> step) {
    List<JsonNode> list = new ArrayList<>();
    items.forEach(list::add);
    AtomicInteger done = new AtomicInteger();
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (JsonNode item : list) {
        futures.add(pool.submit(() -> {
          step.accept(item);
          int d = done.incrementAndGet();
          if (d % 50 == 0 && d < list.size()) {
            out.printf("  %-18s %4d / %d%n", what, d, list.size());
          }
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
    out.printf("  %-18s %4d / %d  ✓ (%.1f s)%n", what, done.get(), list.size(), (System.nanoTime() - t0) / 1e9);
  }

  /**
   * The id of the record that the list at {@code path} holds with the item's key as its {@code ref} (the clerk's own
   * number): made by an earlier run, or by importing the same data as a workbook ({@link DemoWorkbook}); null if none.
   */
  private String byRef(String path, JsonNode item) {
    String ref = item.path("key").asString();
    JsonNode items = must(http.get(path + "&ref=" + enc(ref), townshipToken), "GET " + path).body().path("items");
    for (JsonNode found : items) {
      if (ref.equals(found.path("ref").asString(null))) return found.path("id").asString();
    }
    return null;
  }

  private static String created(Http.Response r, String what) {
    must(r, what);
    String id = r.text("id");
    if (id == null) {
      throw new IllegalStateException(what + ": no id in " + r);
    }
    return id;
  }

  private static Http.Response must(Http.Response r, String what) {
    if (!r.ok()) {
      throw new IllegalStateException(what + " was refused: " + r);
    }
    return r;
  }

  private static String key(String kind, JsonNode item) {
    return "demo-2023-" + kind + "-" + item.path("key").asString();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
