package village.partnership.matching;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import village.partnership.support.RecordChanges;

/**
 * What the scorer needs from the record (organizations with their resources, partnerships, needs) as {@link Facts}, read
 * in one pass over each collection (only the fields it uses) and kept as a snapshot in memory: reading the three
 * collections takes far longer than scoring a county (BENCHMARKS.md). The snapshot is read again
 * <ul>
 *   <li>at once (before answering) when this instance wrote to any of them since it was read ({@link RecordChanges}):
 *       a caller sees its own claim, release, pairing or resource in the next suggestions;</li>
 *   <li>in the background when it is older than {@code village.matching.max-age} (default 5 s): writes through other
 *       instances show within about that time, and no request waits for the read;</li>
 *   <li>at once when it is older than {@code village.matching.max-stale} (default 30 s), e.g. after Mongo was
 *       unreachable (then the request gets the 503 of a database that is down, not suggestions from long ago).</li>
 * </ul>
 */
@Component
class MatchingData implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(MatchingData.class);
  private final MongoCollection<Document> organizations;
  private final MongoCollection<Document> partnerships;
  private final MongoCollection<Document> needs;
  private final RecordChanges changes;
  private final long maxAgeNanos;
  private final long maxStaleNanos;
  private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "matching-snapshot");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile Snapshot current;

  @Autowired
  MatchingData(MongoDatabase db, RecordChanges changes, @Value("${village.matching.max-age:5s}") Duration maxAge,
      @Value("${village.matching.max-stale:30s}") Duration maxStale) {
    this.organizations = db.getCollection("organizations");
    this.partnerships = db.getCollection("partnerships");
    this.needs = db.getCollection("needs");
    this.changes = changes;
    this.maxAgeNanos = maxAge.toNanos();
    this.maxStaleNanos = Math.max(maxStale.toNanos(), maxAge.toNanos());
  }

  /**
   * Everything at one moment: organizations by id (in id order) and the OPEN needs by id; {@code generation}: the
   * count of this instance's writes when the read began; {@code readAt}: {@link System#nanoTime()} then.
   */
  record Snapshot(Map<String, Facts.Organization> organizations, Map<String, Facts.Need> openNeeds, long generation, long readAt) {}

  /** The snapshot to answer from (see the class comment for when it is read again). */
  Snapshot snapshot() {
    Snapshot s = current;
    if (s == null || s.generation() < changes.generation() || age(s) > maxStaleNanos) return readNow();
    if (age(s) > maxAgeNanos && refreshing.compareAndSet(false, true)) {
      refresher.execute(() -> {
        try {
          readNow();
        } catch (RuntimeException e) {
          log.warn("matching snapshot not refreshed: {}", e.toString());
        } finally {
          refreshing.set(false);
        }
      });
    }
    return s;
  }

  private synchronized Snapshot readNow() {
    Snapshot s = current;
    if (s != null && s.generation() >= changes.generation() && age(s) <= maxAgeNanos) return s; // read meanwhile
    Snapshot read = read();
    current = read;
    return read;
  }

  private static long age(Snapshot s) {
    return System.nanoTime() - s.readAt();
  }

  @Override
  public void destroy() {
    refresher.shutdownNow();
  }

  /** Reads the record now. */
  Snapshot read() {
    long generation = changes.generation();
    long readAt = System.nanoTime();
    Map<String, String> partnershipOrganization = new HashMap<>();
    Map<String, Map<String, LocalDate>> paired = new HashMap<>();
    Map<String, Map<String, Integer>> byTownship = new HashMap<>();
    Set<String> villagesPaired = new HashSet<>();
    for (Document p : partnerships.find().projection(new Document("organizationId", 1).append("villageCode", 1)
        .append("township", 1).append("status", 1).append("startDate", 1))) {
      String org = p.getString("organizationId");
      partnershipOrganization.put(p.getString("_id"), org);
      if (!"ACTIVE".equals(p.getString("status"))) continue;
      String start = p.getString("startDate");
      paired.computeIfAbsent(org, k -> new HashMap<>()).put(p.getString("villageCode"), start == null ? null : LocalDate.parse(start));
      byTownship.computeIfAbsent(org, k -> new HashMap<>()).merge(String.valueOf(p.getString("township")), 1, Integer::sum);
      villagesPaired.add(p.getString("villageCode"));
    }
    Map<String, Map<String, Integer>> resolved = new HashMap<>();
    Map<String, Integer> claims = new HashMap<>();
    List<Document> open = new ArrayList<>();
    for (Document n : needs.find().projection(new Document("villageCode", 1).append("township", 1).append("category", 1)
        .append("title", 1).append("status", 1).append("createdAt", 1).append("partnershipId", 1)
        .append("claim.organizationId", 1).append("releasedBy", 1))) {
      switch (String.valueOf(n.getString("status"))) {
        case "OPEN" -> open.add(n);
        case "CLAIMED" -> {
          Document c = n.get("claim", Document.class);
          if (c != null) claims.merge(c.getString("organizationId"), 1, Integer::sum);
        }
        case "RESOLVED" -> {
          String org = partnershipOrganization.get(n.getString("partnershipId"));
          if (org != null) resolved.computeIfAbsent(org, k -> new HashMap<>()).merge(n.getString("category"), 1, Integer::sum);
        }
        default -> { }
      }
    }
    Map<String, Facts.Organization> orgs = new TreeMap<>();
    for (Document o : organizations.find().projection(new Document("name", 1).append("resources.id", 1)
        .append("resources.category", 1).append("resources.title", 1))) {
      String id = o.getString("_id");
      List<Facts.Resource> resources = new ArrayList<>();
      for (Document r : o.getList("resources", Document.class, List.of())) {
        resources.add(new Facts.Resource(r.getString("id"), r.getString("category"), r.getString("title")));
      }
      orgs.put(id, new Facts.Organization(id, o.getString("name"), resources, nonNull(paired.getOrDefault(id, Map.of())),
          byTownship.getOrDefault(id, Map.of()), resolved.getOrDefault(id, Map.of()), claims.getOrDefault(id, 0)));
    }
    Map<String, Facts.Need> openNeeds = new TreeMap<>();
    for (Document n : open) {
      Facts.Need need = need(n, villagesPaired.contains(n.getString("villageCode")));
      openNeeds.put(need.id(), need);
    }
    return new Snapshot(orgs, openNeeds, generation, readAt);
  }

  static Facts.Need need(Document n, boolean villageHasPairing) {
    Instant posted = n.getDate("createdAt").toInstant();
    return new Facts.Need(n.getString("_id"), n.getString("villageCode"), n.getString("township"), n.getString("category"),
        n.getString("title"), posted, new HashSet<>(n.getList("releasedBy", String.class, List.of())), villageHasPairing);
  }

  private static Map<String, LocalDate> nonNull(Map<String, LocalDate> m) {
    Map<String, LocalDate> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, v == null ? LocalDate.of(1949, 10, 1) : v));
    return out;
  }
}
