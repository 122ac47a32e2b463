package village.partnership.matching;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.bson.Document;
import village.devstack.MongoWireServer;
import village.partnership.support.RecordChanges;

/**
 * The suggestions at county scale, timed (no JMH): a mongo-java-server with the H2 backend ./village up runs, filled
 * with a county (20 townships × 28 villages = 560, 3,000 organizations with 1–3 resources, 2,500 pairings, 6,000
 * needs of which 2,500 OPEN, 500 CLAIMED, 3,000 RESOLVED), then {@code forNeed} and {@code forOrganization} as the
 * endpoints call them (from the snapshot, which is read again in the background every 5 s meanwhile), the same right
 * after a need was written on this instance (the snapshot patched first) or a pairing (read afresh first), and the raw
 * read of the record; prints p50 / p99 / max.
 * Run: {@code mvn -pl partnership-service -am test-compile} then
 * {@code java -cp partnership-service/target/test-classes:partnership-service/target/classes:$CP village.partnership.matching.SuggestionsTiming [rounds]}
 * (BENCHMARKS.md has the figures).
 */
public final class SuggestionsTiming {
  static final String[] CATEGORIES = {"INDUSTRY", "INFRASTRUCTURE", "MARKETING", "EMPLOYMENT", "TALENT", "FUNDING",
      "LIVING_ENVIRONMENT", "GOVERNANCE", "OTHER"};
  static final int TOWNSHIPS = 20, VILLAGES = 28, ORGANIZATIONS = 3000, PAIRINGS = 2500, NEEDS = 6000;

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    Path dir = Files.createTempDirectory("suggestions-timing");
    MongoWireServer server = MongoWireServer.startH2(dir.resolve("village.mv"), freePort());
    try (MongoClient client = MongoClients.create(server.connectionString())) {
      MongoDatabase db = client.getDatabase("partnerships");
      long t0 = System.nanoTime();
      List<String> open = new ArrayList<>();
      fill(db, open);
      System.out.printf("county loaded in %.1f s: %d villages, %d organizations, %d pairings, %d needs (%d open)%n",
          (System.nanoTime() - t0) / 1e9, TOWNSHIPS * VILLAGES, ORGANIZATIONS, PAIRINGS, NEEDS, open.size());
      Clock clock = Clock.fixed(Instant.parse("2026-12-03T08:00:00Z"), ZoneOffset.UTC);
      RecordChanges changes = new RecordChanges();
      Duration maxAge = Duration.parse(System.getProperty("maxAge", "PT5S"));
      MatchingData data = new MatchingData(db, changes, maxAge, maxAge.plusSeconds(30));
      Suggestions s = new Suggestions(data, new WeightsStore(db, clock), clock);
      Random r = new Random(1);
      time("reading the record into the snapshot (3 collections, 11,500 documents)", Math.max(10, rounds / 10),
          () -> data.read().openNeeds().size());
      time("GET /api/needs/{id}/suggestions (score 3,000 organizations)", rounds, () -> {
        String id = open.get(r.nextInt(open.size()));
        return s.forNeed(id, township(Integer.parseInt(id.substring(1)) % TOWNSHIPS), 20).total();
      });
      time("GET /api/organizations/{id}/suggestions (score 2,500 open needs)", rounds,
          () -> s.forOrganization("o" + r.nextInt(ORGANIZATIONS), 20).total());
      time("GET /api/needs/{id}/suggestions, first after a need written here (claim, release, resolve)", rounds, () -> {
        changes.needChanged(open.get(r.nextInt(open.size())));
        String id = open.get(r.nextInt(open.size()));
        return s.forNeed(id, township(Integer.parseInt(id.substring(1)) % TOWNSHIPS), 20).total();
      });
      time("GET /api/needs/{id}/suggestions, first after a pairing or organization written here", Math.max(10, rounds / 10), () -> {
        changes.changed();
        String id = open.get(r.nextInt(open.size()));
        return s.forNeed(id, township(Integer.parseInt(id.substring(1)) % TOWNSHIPS), 20).total();
      });
      time("the score a claim records", rounds, () -> {
        String id = open.get(r.nextInt(open.size()));
        return s.forClaim(id, township(Integer.parseInt(id.substring(1)) % TOWNSHIPS), "o" + r.nextInt(ORGANIZATIONS)).score();
      });
    } finally {
      server.stop();
    }
  }

  static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static String township(int t) {
    return "镇" + t;
  }

  static String village(int t, int v) {
    return String.format("T%02dV%02d", t, v);
  }

  static void fill(MongoDatabase db, List<String> open) {
    Random r = new Random(42);
    Date at = Date.from(Instant.parse("2026-01-01T00:00:00Z"));
    MongoCollection<Document> orgs = db.getCollection("organizations");
    List<Document> batch = new ArrayList<>();
    for (int o = 0; o < ORGANIZATIONS; o++) {
      List<Document> resources = new ArrayList<>();
      for (int k = 0, n = 1 + r.nextInt(3); k < n; k++) {
        resources.add(new Document("id", "o" + o + "-r" + k).append("category", CATEGORIES[r.nextInt(CATEGORIES.length)])
            .append("title", "资源" + k).append("description", "说明".repeat(20)).append("offeredAt", at).append("offeredBy", "t"));
      }
      batch.add(new Document("_id", "o" + o).append("name", "单位" + o).append("type", "ENTERPRISE")
          .append("creditCode", String.format("91%016d", o)).append("version", 1L + resources.size())
          .append("resourceCount", resources.size()).append("resources", resources).append("createdAt", at));
    }
    orgs.insertMany(batch);
    MongoCollection<Document> partnerships = db.getCollection("partnerships");
    batch.clear();
    for (int p = 0; p < PAIRINGS; p++) {
      int t = r.nextInt(TOWNSHIPS), v = r.nextInt(VILLAGES);
      batch.add(new Document("_id", "p" + p).append("organizationId", "o" + r.nextInt(ORGANIZATIONS))
          .append("organizationType", "ENTERPRISE").append("villageCode", village(t, v)).append("township", township(t))
          .append("status", p % 10 == 9 ? "ENDED" : "ACTIVE").append("startDate", LocalDate.of(2023, 1 + p % 12, 1).toString())
          .append("focus", List.of()).append("version", 1L).append("createdAt", at)
          .append("history", List.of(new Document("version", 1).append("at", at).append("actor", "t").append("action", "REGISTERED"))));
    }
    partnerships.insertMany(batch);
    MongoCollection<Document> needs = db.getCollection("needs");
    batch.clear();
    for (int n = 0; n < NEEDS; n++) {
      int t = n % TOWNSHIPS, v = r.nextInt(VILLAGES);
      String status = n % 12 < 5 ? "OPEN" : n % 12 == 5 ? "CLAIMED" : "RESOLVED";
      Document d = new Document("_id", "n" + n).append("villageCode", village(t, v)).append("township", township(t))
          .append("category", CATEGORIES[r.nextInt(CATEGORIES.length)]).append("title", "需求" + n)
          .append("description", "描述".repeat(30)).append("status", status).append("version", 1L)
          .append("createdAt", Date.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(r.nextInt(300 * 86400))))
          .append("history", List.of(new Document("version", 1).append("at", at).append("actor", "t").append("action", "POSTED")));
      if (status.equals("OPEN")) open.add("n" + n);
      if (status.equals("CLAIMED")) d.append("claim", new Document("organizationId", "o" + r.nextInt(ORGANIZATIONS))
          .append("claimedAt", at).append("claimedBy", "t").append("suggestionScore", 40).append("weightsVersion", 0));
      if (status.equals("RESOLVED")) d.append("partnershipId", "p" + r.nextInt(PAIRINGS)).append("resolvedOn", "2026-06-01");
      if (n % 50 == 0) d.append("releasedBy", List.of("o" + r.nextInt(ORGANIZATIONS)));
      batch.add(d);
    }
    needs.insertMany(batch);
  }

  static void time(String what, int rounds, Supplier<Integer> call) {
    for (int i = 0; i < Math.max(20, rounds / 5); i++) call.get(); // warm-up
    long[] nanos = new long[rounds];
    long found = 0;
    for (int i = 0; i < rounds; i++) {
      long t = System.nanoTime();
      found += call.get();
      nanos[i] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);
    System.out.printf("%-70s n=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms  (%.1f results each)%n", what, rounds,
        nanos[rounds / 2] / 1e6, nanos[(int) Math.ceil(rounds * 0.99) - 1] / 1e6, nanos[rounds - 1] / 1e6, found / (double) rounds);
  }
}
