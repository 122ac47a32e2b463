package village.acceptance.chaos;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The record as the API shows it once the writers are parked: every organization, partnership, fund (with its
 * disbursements), need, village and collective income, read page by page, and the figures the statistics should
 * show for them (computed here, by the definitions of API.md).
 */
record WriteSide(List<JsonNode> organizations, List<JsonNode> partnerships, List<JsonNode> funds,
    List<JsonNode> needs, List<JsonNode> villages, List<JsonNode> incomes) {

  static WriteSide read(Client client, String token) {
    return new WriteSide(all(client, token, "/api/organizations"), all(client, token, "/api/partnerships"),
        all(client, token, "/api/funds"), all(client, token, "/api/needs"), all(client, token, "/api/villages"),
        all(client, token, "/api/collective-income?year=" + Writer.INCOME_YEAR));
  }

  /** Every item of a list, page by page (retrying a page a few times if the answer is not 200). */
  static List<JsonNode> all(Client client, String token, String path) {
    List<JsonNode> items = new ArrayList<>();
    for (int page = 0; ; page++) {
      String sep = path.contains("?") ? "&" : "?";
      Client.Answer a = getOk(client, token, path + sep + "page=" + page + "&size=500");
      a.body().path("items").forEach(items::add);
      long total = a.body().path("total").asLong();
      if (a.body().path("items").isEmpty() || items.size() >= total) return items;
    }
  }

  static Client.Answer getOk(Client client, String token, String path) {
    Client.Answer a = null;
    for (int attempt = 1; attempt <= 20; attempt++) {
      a = client.get(path, token);
      if (a.status() == 200 || a.status() == 404) return a;
      try {
        Thread.sleep(500L * Math.min(attempt, 6));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalStateException("GET " + path + " kept failing: " + a);
  }

  /** The figures of {@code /api/stats/overview} (no year: money all-time, income of the latest year) this record implies. */
  Map<String, String> figures() {
    Map<String, String> f = new TreeMap<>();
    long active = 0;
    Set<String> covered = new HashSet<>();
    Map<String, Long> byType = new TreeMap<>();
    for (JsonNode p : partnerships) {
      if (!"ACTIVE".equals(p.path("status").asString())) continue;
      active++;
      covered.add(p.path("villageCode").asString());
      byType.merge(p.path("organizationType").asString(), 1L, Long::sum);
    }
    f.put("partnerships.active", Long.toString(active));
    byType.forEach((t, n) -> f.put("partnerships.byOrganizationType." + t, Long.toString(n)));
    f.put("villages.total", Integer.toString(villages.size()));
    f.put("villages.covered", Integer.toString(covered.size()));
    f.put("needs.open", Long.toString(needs.stream().filter(n -> "OPEN".equals(n.path("status").asString())).count()));
    BigDecimal committed = BigDecimal.ZERO;
    BigDecimal disbursed = BigDecimal.ZERO;
    Map<String, BigDecimal[]> bySource = new TreeMap<>();
    for (JsonNode fund : funds) {
      BigDecimal c = new BigDecimal(fund.path("committedAmount").asString());
      BigDecimal d = new BigDecimal(fund.path("disbursedAmount").asString());
      committed = committed.add(c);
      disbursed = disbursed.add(d);
      BigDecimal[] s = bySource.computeIfAbsent(fund.path("source").asString(), k -> new BigDecimal[] {BigDecimal.ZERO,
          BigDecimal.ZERO});
      s[0] = s[0].add(c);
      s[1] = s[1].add(d);
    }
    f.put("investment.committed", money(committed));
    f.put("investment.disbursed", money(disbursed));
    bySource.forEach((s, v) -> {
      f.put("investment.bySource." + s + ".committed", money(v[0]));
      f.put("investment.bySource." + s + ".disbursed", money(v[1]));
    });
    if (!incomes.isEmpty()) {
      BigDecimal total = BigDecimal.ZERO;
      long below = 0;
      long middle = 0;
      long above = 0;
      for (JsonNode i : incomes) {
        BigDecimal a = new BigDecimal(i.path("amount").asString());
        total = total.add(a);
        if (a.compareTo(new BigDecimal(200_000)) < 0) below++;
        else if (a.compareTo(new BigDecimal(500_000)) < 0) middle++;
        else above++;
      }
      f.put("collectiveIncome.year", Integer.toString(Writer.INCOME_YEAR));
      f.put("collectiveIncome.total", money(total));
      f.put("collectiveIncome.bands.below200k", Long.toString(below));
      f.put("collectiveIncome.bands.from200kTo500k", Long.toString(middle));
      f.put("collectiveIncome.bands.atLeast500k", Long.toString(above));
    }
    return withoutZeros(f);
  }

  /** The same figures, read from an overview response. */
  static Map<String, String> figures(JsonNode o, boolean withIncome) {
    Map<String, String> f = new TreeMap<>();
    f.put("partnerships.active", Long.toString(o.path("partnerships").path("active").asLong()));
    o.path("partnerships").path("byOrganizationType").properties().forEach(e ->
        f.put("partnerships.byOrganizationType." + e.getKey(), Long.toString(e.getValue().asLong())));
    f.put("villages.total", Long.toString(o.path("villages").path("total").asLong()));
    f.put("villages.covered", Long.toString(o.path("villages").path("covered").asLong()));
    f.put("needs.open", Long.toString(o.path("needs").path("open").asLong()));
    JsonNode inv = o.path("investment");
    f.put("investment.committed", money(inv.path("committed")));
    f.put("investment.disbursed", money(inv.path("disbursed")));
    inv.path("bySource").properties().forEach(e -> {
      f.put("investment.bySource." + e.getKey() + ".committed", money(e.getValue().path("committed")));
      f.put("investment.bySource." + e.getKey() + ".disbursed", money(e.getValue().path("disbursed")));
    });
    JsonNode ci = o.path("collectiveIncome");
    if (withIncome || !ci.path("total").isMissingNode() && ci.path("year").asInt() != 0) {
      f.put("collectiveIncome.year", Integer.toString(ci.path("year").asInt()));
      f.put("collectiveIncome.total", money(ci.path("total")));
      ci.path("bands").properties().forEach(e ->
          f.put("collectiveIncome.bands." + e.getKey(), Long.toString(e.getValue().asLong())));
    }
    return withoutZeros(f);
  }

  private static String money(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? "0.00" : money(new BigDecimal(n.asString()));
  }

  static String money(BigDecimal v) {
    return v.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
  }

  /** Zero figures are left out on both sides (the statistics list every type and source, the record only those seen). */
  private static Map<String, String> withoutZeros(Map<String, String> f) {
    f.values().removeIf(v -> v.equals("0") || v.equals("0.00"));
    return f;
  }
}
