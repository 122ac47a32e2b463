package village.acceptance.chaos;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import village.acceptance.CreditCodes;
import village.acceptance.chaos.Ledger.Entry;
import village.acceptance.chaos.Ledger.Kind;

/**
 * One client of the bounded load: a seeded loop of organization → partnership → fund → disbursements, with a need
 * and a village's collective income now and then. Every write carries an {@code Idempotency-Key}; an unknown answer
 * is retried with the same key and body until a definite one (or the time limit: unresolved).
 */
final class Writer implements Runnable {
  static final int INCOME_YEAR = 2024;
  private static final List<String> TYPES = List.of("TOWNSHIP_AGENCY", "PUBLIC_INSTITUTION", "ENTERPRISE",
      "SOCIAL_ORGANIZATION");
  private static final List<String> SOURCES = List.of("SOCIAL_CAPITAL", "FISCAL", "VILLAGE_COLLECTIVE", "BANK_LOAN",
      "DONATION");
  private static final List<String> CATEGORIES = List.of("INDUSTRY", "INFRASTRUCTURE", "MARKETING", "EMPLOYMENT",
      "TALENT", "FUNDING", "LIVING_ENVIRONMENT", "GOVERNANCE");

  private final int index;
  private final Client client;
  private final String token;
  private final Ledger ledger;
  private final Gate gate;
  private final Supplier<Phase> phase;
  private final List<String> villages;
  private final List<String> ownVillages;
  private final Random random;
  private final Duration resolveLimit;
  private int round;

  Writer(int index, Client client, String token, Ledger ledger, Gate gate, Supplier<Phase> phase, List<String> villages,
      List<String> ownVillages, long seed, Duration resolveLimit) {
    this.index = index;
    this.client = client;
    this.token = token;
    this.ledger = ledger;
    this.gate = gate;
    this.phase = phase;
    this.villages = villages;
    this.ownVillages = ownVillages;
    this.random = new Random(seed * 31 + index);
    this.resolveLimit = resolveLimit;
  }

  /** The writers of a load: their township's token and their threads. */
  record Load(String townshipToken, List<Thread> threads) {}

  /**
   * Starts {@code clients} writers (daemon threads, waiting at the gate) on the villages of the system's first
   * township, each with its own share of them; {@code name} prefixes the token subjects and the thread names.
   */
  static Load startAll(village.acceptance.RunningSystem system, Client client, String countyToken, String name, int clients,
      Ledger ledger, Gate gate, Supplier<Phase> phase, long seed, Duration resolveLimit) {
    List<tools.jackson.databind.JsonNode> villages = WriteSide.all(client, countyToken, "/api/villages");
    if (villages.isEmpty()) throw new IllegalStateException("the system has no villages");
    String township = villages.getFirst().path("township").asString();
    List<String> codes = villages.stream().filter(v -> township.equals(v.path("township").asString()))
        .map(v -> v.path("code").asString()).toList();
    String token = system.token(name + "-township", "TOWNSHIP", null, township);
    List<Thread> threads = new java.util.ArrayList<>();
    for (int w = 0; w < clients; w++) {
      List<String> own = new java.util.ArrayList<>();
      for (int v = w; v < codes.size(); v += clients) own.add(codes.get(v));
      Thread t = new Thread(new Writer(w, client, token, ledger, gate, phase, codes, own, seed, resolveLimit), name + "-writer-" + w);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    return new Load(token, threads);
  }

  /** Waits (up to 30 s each) for the writers to end once the gate is stopped. */
  static void joinAll(List<Thread> threads) {
    for (Thread t : threads) {
      try {
        t.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void run() {
    while (gate.enter()) {
      round++;
      String village = villages.get(random.nextInt(villages.size()));
      Entry org = organization();
      if (org != null && org.acknowledged() && gate.enter()) partnership(org, village);
      if (org != null && org.acknowledged() && gate.enter()) {
        Entry fund = fund(org, village);
        int disbursements = 1 + random.nextInt(2);
        for (int d = 1; d <= disbursements && fund.acknowledged() && gate.enter(); d++) disbursement(fund, d);
      }
      if (round % 3 == 0 && gate.enter()) need(village);
      if (round % 2 == 0 && !ownVillages.isEmpty() && gate.enter()) income();
    }
  }

  private String key(String what) {
    return "chaos-w" + index + "-" + round + "-" + what;
  }

  private Entry organization() {
    String type = TYPES.get(random.nextInt(TYPES.size()));
    String key = key("org");
    Entry e = ledger.open(Kind.ORGANIZATION, key, phase.get().index, Map.of("type", type, "name", "混沌测试单位 " + key));
    Map<String, Object> body = Map.of("name", e.attribute("name"), "type", type,
        "creditCode", CreditCodes.of((index + 1) * 1_000_000 + round));
    write(e, "POST", "/api/organizations", body);
    return e;
  }

  private void partnership(Entry org, String village) {
    String key = key("partnership");
    Entry e = ledger.open(Kind.PARTNERSHIP, key, phase.get().index, Map.of("organizationId", org.id,
        "organizationType", org.attribute("type"), "villageCode", village));
    write(e, "POST", "/api/partnerships", Map.of("organizationId", org.id, "villageCode", village,
        "startDate", "2024-01-15", "focus", List.of(CATEGORIES.get(random.nextInt(CATEGORIES.size()))), "note", key));
  }

  private Entry fund(Entry org, String village) {
    String source = SOURCES.get(random.nextInt(SOURCES.size()));
    // unique per fund, so that a duplicate fund is recognisable by its amount
    long yuan = 200_000L + index * 100_000L + round * 7L;
    String amount = yuan + ".25";
    Map<String, String> attributes = new LinkedHashMap<>(Map.of("source", source, "villageCode", village,
        "committedAmount", amount));
    Map<String, Object> body = new LinkedHashMap<>(Map.of("source", source, "villageCode", village,
        "committedAmount", amount, "committedOn", date(random)));
    if (source.equals("SOCIAL_CAPITAL")) {
      body.put("investorOrganizationId", org.id);
      attributes.put("investorOrganizationId", org.id);
    }
    Entry e = ledger.open(Kind.FUND, key("fund"), phase.get().index, attributes);
    write(e, "POST", "/api/funds", body);
    return e;
  }

  private void disbursement(Entry fund, int n) {
    long quarter = Long.parseLong(fund.attribute("committedAmount").replace(".25", "")) / 4;
    String amount = quarter + "." + String.format("%02d", random.nextInt(100));
    String key = key("disbursement-" + n);
    Entry e = ledger.open(Kind.DISBURSEMENT, key, phase.get().index, Map.of("fundId", fund.id, "amount", amount,
        "source", fund.attribute("source")));
    write(e, "POST", "/api/funds/" + fund.id + "/disbursements", Map.of("amount", amount, "disbursedOn",
        date(random), "note", key));
  }

  private void need(String village) {
    String key = key("need");
    Entry e = ledger.open(Kind.NEED, key, phase.get().index, Map.of("villageCode", village));
    write(e, "POST", "/api/needs", Map.of("villageCode", village, "category",
        CATEGORIES.get(random.nextInt(CATEGORIES.size())), "title", key));
  }

  private void income() {
    String village = ownVillages.get(random.nextInt(ownVillages.size()));
    String amount = (100_000 + random.nextInt(600_000)) + ".00";
    Entry e = ledger.open(Kind.INCOME, key("income-" + village), phase.get().index, Map.of("villageCode", village,
        "amount", amount));
    write(e, "PUT", "/api/collective-income/" + village + "/" + INCOME_YEAR, Map.of("amount", amount));
  }

  private static String date(Random random) {
    return String.format("2024-%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28));
  }

  /** Sends until a definite answer; the same key and body every time. */
  private void write(Entry e, String method, String path, Object body) {
    long deadline = System.nanoTime() + resolveLimit.toNanos();
    for (int attempt = 1; ; attempt++) {
      Phase now = phase.get();
      long sent = System.nanoTime();
      Client.Answer a = client.send(method, path, token, body, e.key);
      if (a.ok()) {
        now.acknowledged(sent);
        String id = e.kind == Kind.INCOME ? e.attribute("villageCode") : a.field("id");
        ledger.acknowledge(e, id);
        return;
      }
      if (a.refused()) {
        ledger.refuse(e, a);
        return;
      }
      ledger.unknown(e, now.index, a);
      if (System.nanoTime() > deadline) {
        ledger.unresolved(e);
        return;
      }
      sleep(Math.min(2000, 200L * attempt));
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
