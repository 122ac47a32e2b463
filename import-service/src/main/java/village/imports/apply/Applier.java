package village.imports.apply;

import static village.imports.apply.ServiceClient.enc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import tools.jackson.databind.JsonNode;
import village.imports.plan.Op;
import village.imports.plan.Register;
import village.imports.workbook.RowError;

/**
 * Makes a plan's writes through the services' public APIs, in order, resolving credit codes and refs to the ids the
 * services gave (on record already, or created earlier in the run). Creating writes carry an Idempotency-Key derived
 * from the township, the sheet and the row's natural key, so a re-run or a resumed run creates nothing twice; state
 * moves (status, resolve, end, milestone) were planned from what the record holds and a 409 because one happened
 * meanwhile is taken as done. A refusal (4xx) is a row error: with {@code skip} the run goes on, else it stops.
 * A service that cannot answer ({@link ServiceClient.Unavailable}) stops the run; posting the file again resumes it.
 */
public final class Applier {
  private final Services s;
  private final String township;
  private final boolean skip;
  private final Map<String, String> orgIds = new ConcurrentHashMap<>();
  private final Map<String, String> pairIds = new ConcurrentHashMap<>();
  private final Map<String, String> projectIds = new ConcurrentHashMap<>();
  private final Map<String, String> milestoneIds = new ConcurrentHashMap<>();
  private final Map<String, String> needIds = new ConcurrentHashMap<>();
  private final Map<String, String> fundIds = new ConcurrentHashMap<>();

  public Applier(Services s, String township, Register register, boolean skip) {
    this.s = s;
    this.township = township;
    this.skip = skip;
    register.organizations().values().forEach(o -> orgIds.put(o.creditCode(), o.id()));
    Map<String, String> creditById = new HashMap<>();
    register.organizations().values().forEach(o -> creditById.put(o.id(), o.creditCode()));
    for (Register.Partnership p : register.partnerships()) {
      if (p.active() && creditById.containsKey(p.organizationId())) pairIds.put(creditById.get(p.organizationId()) + "|" + p.villageCode(), p.id());
    }
    register.projects().values().forEach(p -> {
      projectIds.put(p.ref(), p.id());
      p.milestones().forEach(m -> milestoneIds.put(p.ref() + "|" + m.title(), m.id()));
    });
    register.needs().values().forEach(n -> needIds.put(n.ref(), n.id()));
    register.funds().values().forEach(f -> fundIds.put(f.ref(), f.id()));
  }

  /** The outcome of a run: the row errors of refused writes, and whether it stopped early. */
  public record Outcome(List<RowError> errors, boolean stopped, String stopReason) {}

  /** How many writes run side by side (lanes of one stage, see {@link WriteLanes}). */
  static final int PARALLEL_WRITES = 8;

  /**
   * Applies {@code ops}: stage by stage in plan order, the lanes of a stage on up to {@link #PARALLEL_WRITES}
   * threads (one lane's writes in order). {@code progress} gets the number done, from one thread at a time.
   */
  public Outcome apply(List<Op> ops, IntConsumer progress) {
    List<RowError> errors = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    java.util.Set<String> failedRows = ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<String> stop = new java.util.concurrent.atomic.AtomicReference<>();
    IntConsumer report = n -> {
      synchronized (progress) {
        progress.accept(n);
      }
    };
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(PARALLEL_WRITES, Thread.ofVirtual().name("import-write-", 0).factory())) {
      for (WriteLanes.Stage stage : WriteLanes.of(ops)) {
        List<java.util.concurrent.Future<?>> lanes = new java.util.ArrayList<>();
        for (List<Op> lane : stage.lanes()) {
          lanes.add(pool.submit(() -> {
            for (Op op : lane) {
              if (stop.get() != null) return;
              String rowKey = op.sheet() + "#" + op.row();
              if (!failedRows.contains(rowKey)) {
                try {
                  String problem = apply(op);
                  if (problem != null) {
                    errors.add(new RowError(op.sheet(), op.row(), null, null, problem));
                    failedRows.add(rowKey);
                    if (!skip) {
                      stop.compareAndSet(null, "a write was refused: " + problem);
                      return;
                    }
                  }
                } catch (ServiceClient.Unavailable e) {
                  stop.compareAndSet(null, e.getMessage() + "; post the same file again to resume");
                  return;
                }
              }
              report.accept(done.incrementAndGet());
            }
          }));
        }
        for (java.util.concurrent.Future<?> lane : lanes) {
          try {
            lane.get();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(sorted(errors, ops), true, "interrupted; post the same file again to resume");
          } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
          }
        }
        if (stop.get() != null) return new Outcome(sorted(errors, ops), true, stop.get());
      }
    }
    return new Outcome(sorted(errors, ops), false, null);
  }

  /** Row errors in the workbook's order, whatever order the lanes finished in. */
  private static List<RowError> sorted(List<RowError> errors, List<Op> ops) {
    Map<String, Integer> sheetOrder = new HashMap<>();
    for (Op op : ops) sheetOrder.putIfAbsent(op.sheet(), sheetOrder.size());
    synchronized (errors) {
      List<RowError> out = new java.util.ArrayList<>(errors);
      out.sort(java.util.Comparator.<RowError>comparingInt(e -> sheetOrder.getOrDefault(e.sheet(), Integer.MAX_VALUE))
          .thenComparingInt(RowError::row));
      return out;
    }
  }

  /** The Idempotency-Key of a creating write: township, sheet and the row's natural key, hashed to visible ASCII. */
  public static String idempotencyKey(String township, String sheet, String naturalKey) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest((township + "\n" + sheet + "\n" + naturalKey).getBytes(StandardCharsets.UTF_8));
      return "import-" + sheet + "-" + HexFormat.of().formatHex(h, 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String key(Op op) {
    return idempotencyKey(township, kindSheet(op), op.naturalKey());
  }

  private static String kindSheet(Op op) {
    return op.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  private String need(Map<String, String> ids, String key, String what) {
    String id = ids.get(key);
    if (id == null) throw new Missing(what + " " + key + " was not written (an earlier row failed)");
    return id;
  }

  private static final class Missing extends RuntimeException {
    Missing(String m) {
      super(m, null, false, false);
    }
  }

  /** Makes one write; null when done, else why it was refused. */
  String apply(Op op) {
    try {
      return write(op);
    } catch (Missing m) {
      return m.getMessage();
    } catch (ServiceClient.Refused r) {
      return "refused: " + r.getMessage();
    }
  }

  private String write(Op op) {
    Map<String, Object> body = new LinkedHashMap<>(op.body());
    ServiceClient.Response r;
    switch (op.kind()) {
      case REGISTER_VILLAGE -> {
        r = s.partnership().send("POST", "/api/villages", body, null);
        if (r.status() == 409) return null; // registered meanwhile (a resumed run): the row was checked against it
      }
      case REGISTER_ORGANIZATION -> {
        r = s.partnership().send("POST", "/api/organizations", body, key(op));
        if (r.status() == 409) {
          for (JsonNode o : s.partnership().all("/api/organizations")) {
            if (op.ref("organization").equals(o.path("creditCode").asString(null))) orgIds.put(op.ref("organization"), o.path("id").asString());
          }
          return orgIds.containsKey(op.ref("organization")) ? null : r.detail();
        }
        if (r.ok()) orgIds.put(op.ref("organization"), r.body().path("id").asString());
      }
      case OFFER_RESOURCE -> r = s.partnership().send("POST", "/api/organizations/" + enc(need(orgIds, op.ref("organization"), "organization"))
          + "/resources", body, key(op));
      case REGISTER_PARTNERSHIP -> {
        String org = need(orgIds, op.ref("organization"), "organization");
        body.put("organizationId", org);
        r = s.partnership().send("POST", "/api/partnerships", body, key(op));
        String pair = op.ref("organization") + "|" + op.ref("village");
        if (r.status() == 409) {
          for (JsonNode p : s.partnership().all("/api/partnerships?status=ACTIVE&organizationId=" + enc(org) + "&villageCode=" + enc(op.ref("village")))) {
            pairIds.put(pair, p.path("id").asString());
          }
          return pairIds.containsKey(pair) ? null : r.detail();
        }
        if (r.ok()) pairIds.put(pair, r.body().path("id").asString());
      }
      case END_PARTNERSHIP -> {
        r = s.partnership().send("POST", "/api/partnerships/" + enc(need(pairIds, op.ref("organization") + "|" + op.ref("village"), "pairing"))
            + "/end", body, null);
        if (r.status() == 409) return null; // ended already
      }
      case REGISTER_PROJECT -> {
        if (op.ref("lead") != null) body.put("leadOrganizationId", need(orgIds, op.ref("lead"), "organization"));
        r = s.project().send("POST", "/api/projects", body, key(op));
        if (r.ok()) {
          projectIds.put(op.ref("project"), r.body().path("id").asString());
          for (JsonNode m : r.body().path("milestones")) milestoneIds.put(op.ref("project") + "|" + m.path("title").asString(), m.path("id").asString());
        }
      }
      case CHANGE_PROJECT_STATUS -> {
        String id = need(projectIds, op.ref("project"), "project");
        r = s.project().send("POST", "/api/projects/" + enc(id) + "/status", body, null);
        if (r.status() == 409) {
          ServiceClient.Response now = s.project().get("/api/projects/" + enc(id));
          if (now.ok() && op.ref("status").equals(now.body().path("status").asString())) return null; // moved meanwhile
        }
      }
      case REPORT_PROGRESS -> r = s.project().send("POST", "/api/projects/" + enc(need(projectIds, op.ref("project"), "project")) + "/progress",
          body, key(op));
      case COMPLETE_MILESTONE -> {
        String id = need(projectIds, op.ref("project"), "project");
        String m = need(milestoneIds, op.ref("project") + "|" + op.ref("milestone"), "milestone");
        r = s.project().send("POST", "/api/projects/" + enc(id) + "/milestones/" + enc(m) + "/complete", body, null);
        if (r.status() == 409) return null; // completed already
      }
      case POST_NEED -> {
        r = s.partnership().send("POST", "/api/needs", body, key(op));
        if (r.ok()) needIds.put(op.ref("need"), r.body().path("id").asString());
      }
      case RESOLVE_NEED -> {
        String id = need(needIds, op.ref("need"), "need");
        body.put("partnershipId", need(pairIds, op.ref("organization") + "|" + op.ref("village"), "pairing"));
        r = s.partnership().send("POST", "/api/needs/" + enc(id) + "/resolve", body, null);
        if (r.status() == 409) {
          ServiceClient.Response now = s.partnership().get("/api/needs/" + enc(id));
          if (now.ok() && "RESOLVED".equals(now.body().path("status").asString())) return null;
        }
      }
      case COMMIT_FUND -> {
        if (op.ref("investor") != null) body.put("investorOrganizationId", need(orgIds, op.ref("investor"), "organization"));
        if (op.ref("project") != null) body.put("projectId", need(projectIds, op.ref("project"), "project"));
        r = s.funds().send("POST", "/api/funds", body, key(op));
        if (r.ok()) fundIds.put(op.ref("fund"), r.body().path("id").asString());
      }
      case DISBURSE -> r = s.funds().send("POST", "/api/funds/" + enc(need(fundIds, op.ref("fund"), "fund")) + "/disbursements", body, key(op));
      case REPORT_INCOME -> r = s.funds().send("PUT", "/api/collective-income/" + enc(op.ref("village")) + "/" + op.ref("year"), body, null);
      default -> throw new IllegalStateException(op.kind().name());
    }
    return r.ok() ? null : r.detail();
  }
}
