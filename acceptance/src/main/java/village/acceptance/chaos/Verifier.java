package village.acceptance.chaos;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import village.acceptance.chaos.Ledger.Entry;
import village.acceptance.chaos.Ledger.Kind;

/**
 * Compares the ledger with the record (lost: acknowledged but not readable; double-counted: there more than once,
 * or there although refused, or there without ever being written) and the statistics with the record, after each
 * phase while the writers are parked. What it found once is not reported again in a later phase.
 */
final class Verifier {
  private final Client client;
  private final String townshipToken;
  private final String countyToken;
  private final Ledger ledger;
  private final Duration statsLimit;
  private final Duration statsStable;
  private final Set<String> reported = new HashSet<>();

  Verifier(Client client, String townshipToken, String countyToken, Ledger ledger, Duration statsLimit,
      Duration statsStable) {
    this.client = client;
    this.townshipToken = townshipToken;
    this.countyToken = countyToken;
    this.ledger = ledger;
    this.statsLimit = statsLimit;
    this.statsStable = statsStable;
  }

  /** What was found; {@code stats} is the outcome of waiting for the statistics. */
  record Findings(List<String> lost, List<String> doubled, List<String> unresolved, StatsCheck stats) {}

  /** The statistics against the record: caught up (lag 0 and equal), or the differences when they settled/time ran out. */
  record StatsCheck(boolean caughtUp, double seconds, long lag, List<String> differences) {}

  Findings verify(Phase phase) {
    WriteSide record = WriteSide.read(client, townshipToken);
    List<Entry> entries = ledger.all();
    List<String> lost = lost(entries, record);
    List<String> doubled = doubled(entries, record);
    List<String> unresolved = new ArrayList<>();
    for (Entry e : entries) {
      if (e.outcome == Ledger.Outcome.UNRESOLVED && reported.add("unresolved " + e.key)) {
        unresolved.add(e + ": last answer " + e.lastAnswer);
      }
    }
    StatsCheck stats = awaitStats(client, record.figures(), !record.incomes().isEmpty());
    return new Findings(lost, doubled, unresolved, stats);
  }

  /** The statistics one reporting instance answers, asked directly (not through the gateway), against the record. */
  StatsCheck statsAt(Client instance) {
    WriteSide record = WriteSide.read(client, townshipToken);
    return awaitStats(instance, record.figures(), !record.incomes().isEmpty());
  }

  // ------------------------------------------------------------------------------------------------ lost

  private List<String> lost(List<Entry> entries, WriteSide record) {
    Map<String, JsonNode> orgs = byId(record.organizations());
    Map<String, JsonNode> partnerships = byId(record.partnerships());
    Map<String, JsonNode> funds = byId(record.funds());
    Map<String, JsonNode> needs = byId(record.needs());
    Map<String, JsonNode> disbursements = new HashMap<>();
    for (JsonNode f : record.funds()) {
      f.path("disbursements").forEach(d -> disbursements.put(d.path("id").asString(), d));
    }
    Map<String, String> income = new HashMap<>();
    record.incomes().forEach(i -> income.put(i.path("villageCode").asString(), i.path("amount").asString()));
    Map<String, Entry> lastIncome = new LinkedHashMap<>(); // per village, the last acknowledged report
    List<String> lost = new ArrayList<>();
    for (Entry e : entries) {
      if (!e.acknowledged()) continue;
      String why = switch (e.kind) {
        case ORGANIZATION -> missing(orgs, e, "/api/organizations/");
        case PARTNERSHIP -> missing(partnerships, e, "/api/partnerships/");
        case FUND -> missing(funds, e, "/api/funds/");
        case NEED -> missing(needs, e, "/api/needs/");
        case DISBURSEMENT -> disbursements.containsKey(e.id) ? null : missingDisbursement(e);
        case INCOME -> {
          lastIncome.put(e.attribute("villageCode"), e);
          yield null;
        }
      };
      if (why != null && reported.add("lost " + e.key)) lost.add(e + ": " + why);
    }
    for (Entry e : lastIncome.values()) {
      String shown = income.get(e.attribute("villageCode"));
      boolean same = shown != null && new BigDecimal(shown).compareTo(new BigDecimal(e.attribute("amount"))) == 0;
      if (!same && reported.add("lost " + e.key + " " + shown)) {
        lost.add(e + ": GET /api/collective-income/" + e.attribute("villageCode") + "/" + Writer.INCOME_YEAR + " shows "
            + (shown == null ? "nothing" : shown) + " instead of the last acknowledged " + e.attribute("amount"));
      }
    }
    return lost;
  }

  /** Null if the list holds it; else confirms with a GET by id (the list might lag behind nothing, but be sure). */
  private String missing(Map<String, JsonNode> list, Entry e, String path) {
    if (list.containsKey(e.id)) return null;
    Client.Answer a = WriteSide.getOk(client, townshipToken, path + e.id);
    return a.status() == 200 ? null : "not in the list, GET " + path + e.id + " → " + a.status();
  }

  private String missingDisbursement(Entry e) {
    Client.Answer a = WriteSide.getOk(client, townshipToken, "/api/funds/" + e.attribute("fundId"));
    if (a.status() == 200) {
      for (JsonNode d : a.body().path("disbursements")) {
        if (e.id.equals(d.path("id").asString())) return null;
      }
      return "fund " + e.attribute("fundId") + " has no disbursement " + e.id + " (GET /api/funds/"
          + e.attribute("fundId") + " → disbursedAmount " + a.field("disbursedAmount") + ")";
    }
    return "GET /api/funds/" + e.attribute("fundId") + " → " + a.status();
  }

  private static Map<String, JsonNode> byId(List<JsonNode> items) {
    Map<String, JsonNode> m = new HashMap<>();
    items.forEach(i -> m.put(i.path("id").asString(), i));
    return m;
  }

  // ------------------------------------------------------------------------------------------ duplicates

  private List<String> doubled(List<Entry> entries, WriteSide record) {
    Map<String, Entry> byKey = new HashMap<>();
    Map<String, Entry> fundByAmount = new HashMap<>();
    for (Entry e : entries) {
      byKey.put(e.key, e);
      if (e.kind == Kind.FUND) fundByAmount.put(e.attribute("committedAmount"), e);
    }
    Map<String, List<String>> seen = new TreeMap<>(); // ledger key (or "unknown …") → ids found
    for (JsonNode o : record.organizations()) {
      String name = o.path("name").asString();
      String key = name.startsWith("混沌测试单位 ") ? name.substring("混沌测试单位 ".length()) : "unknown organization " + name;
      seen.computeIfAbsent(key, k -> new ArrayList<>()).add(o.path("id").asString());
    }
    for (JsonNode p : record.partnerships()) {
      seen.computeIfAbsent(keyOr(p.path("note").asString(), "partnership"), k -> new ArrayList<>()).add(p.path("id").asString());
    }
    for (JsonNode n : record.needs()) {
      seen.computeIfAbsent(keyOr(n.path("title").asString(), "need"), k -> new ArrayList<>()).add(n.path("id").asString());
    }
    for (JsonNode f : record.funds()) {
      String amount = WriteSide.money(new BigDecimal(f.path("committedAmount").asString()));
      Entry e = fundByAmount.get(amount);
      seen.computeIfAbsent(e != null ? e.key : "unknown fund of " + amount, k -> new ArrayList<>()).add(f.path("id").asString());
      for (JsonNode d : f.path("disbursements")) {
        seen.computeIfAbsent(keyOr(d.path("note").asString(), "disbursement"), k -> new ArrayList<>())
            .add(f.path("id").asString() + "/" + d.path("id").asString()
                + (d.path("reversed").asBoolean() ? " (reversed)" : ""));
      }
    }
    List<String> doubled = new ArrayList<>();
    seen.forEach((key, ids) -> {
      Entry e = byKey.get(key);
      String problem = null;
      if (e == null) problem = key + " is in the record (" + ids + ") but the suite never wrote it";
      else if (ids.size() > 1) problem = e + " is in the record " + ids.size() + " times: " + ids;
      else if (e.outcome == Ledger.Outcome.REFUSED) {
        problem = e + " was refused (" + e.lastAnswer + ") but is in the record: " + ids;
      } else if (e.outcome == Ledger.Outcome.ACKNOWLEDGED && !sameId(e, ids.getFirst())) {
        problem = e + " was acknowledged with id " + e.id + " but the record holds it as " + ids.getFirst();
      }
      if (problem != null && reported.add("doubled " + key + " " + ids)) doubled.add(problem);
    });
    return doubled;
  }

  private static boolean sameId(Entry e, String found) {
    return e.kind == Kind.DISBURSEMENT ? found.startsWith(e.attribute("fundId") + "/" + e.id) : Objects.equals(e.id, found);
  }

  private static String keyOr(String key, String what) {
    return key.startsWith("chaos-") ? key : "unknown " + what + " '" + key + "'";
  }

  // ------------------------------------------------------------------------------------------- statistics

  private StatsCheck awaitStats(Client on, Map<String, String> expected, boolean withIncome) {
    long t0 = System.nanoTime();
    long deadline = t0 + statsLimit.toNanos();
    Map<String, String> last = null;
    long lastChange = t0;
    long lag = -1;
    while (true) {
      Client.Answer a = on.get("/api/stats/overview", countyToken);
      long now = System.nanoTime();
      if (a.status() == 200) {
        lag = a.body().path("lag").asLong(-1);
        Map<String, String> shown = WriteSide.figures(a.body(), withIncome);
        if (lag == 0 && shown.equals(expected)) return new StatsCheck(true, (now - t0) / 1e9, 0, List.of());
        if (!shown.equals(last)) {
          last = shown;
          lastChange = now;
        } else if (lag == 0 && now - lastChange > statsStable.toNanos()) {
          return new StatsCheck(false, (now - t0) / 1e9, lag, differences(shown, expected));
        }
      }
      if (now > deadline) {
        return new StatsCheck(false, (now - t0) / 1e9, lag, last == null ? List.of("no statistics: " + a)
            : differences(last, expected));
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new StatsCheck(false, (now - t0) / 1e9, lag, List.of("interrupted"));
      }
    }
  }

  static List<String> differences(Map<String, String> stats, Map<String, String> record) {
    List<String> out = new ArrayList<>();
    for (String k : new TreeSet<>(union(stats.keySet(), record.keySet()))) {
      String s = stats.getOrDefault(k, "0");
      String r = record.getOrDefault(k, "0");
      if (k.endsWith(".year")) {
        if (!s.equals(r)) out.add(k + ": statistics " + s + ", record " + r);
        continue;
      }
      BigDecimal d = new BigDecimal(s).subtract(new BigDecimal(r));
      if (d.signum() != 0) {
        out.add(k + ": statistics " + s + ", record " + r + " (statistics " + (d.signum() > 0 ? "+" : "")
            + d.toPlainString() + ")");
      }
    }
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new HashSet<>(a);
    u.addAll(b);
    return u;
  }
}
