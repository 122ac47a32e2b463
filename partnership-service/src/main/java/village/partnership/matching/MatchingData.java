package village.partnership.matching;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * What the scorer needs from the record (organizations with their resources, partnerships, needs) as {@link Facts},
 * kept as a snapshot in memory: reading the three collections takes far longer than scoring a county (BENCHMARKS.md).
 * The snapshot is
 * <ul>
 *   <li>patched before answering when this instance wrote needs since (each such need is read again by id, its old
 *       part taken out and its new part put in: a claim, release or resolve shows in the next suggestions at once);</li>
 *   <li>read again before answering when this instance wrote an organization or a partnership since
 *       ({@link RecordChanges}), or when it is older than {@code village.matching.max-stale} (default 30 s: after Mongo
 *       was unreachable the request gets the 503 of a database that is down, not suggestions from long ago);</li>
 *   <li>read again in the background when older than {@code village.matching.max-age} (default 5 s): writes through
 *       other instances show within about that time, and no request waits for that read.</li>
 * </ul>
 * A full read and a patch apply the same rule ({@link #contribute}), so they give the same facts.
 */
@Component
class MatchingData implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(MatchingData.class);
  private static final Document NEED_FIELDS = new Document("villageCode", 1).append("township", 1).append("category", 1)
      .append("title", 1).append("status", 1).append("createdAt", 1).append("partnershipId", 1)
      .append("claim.organizationId", 1).append("releasedBy", 1);
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
  private final Object fullReads = new Object();
  /** The need sequence at which the full read in progress began (Long.MAX_VALUE when none runs). */
  private volatile long readingFrom = Long.MAX_VALUE;
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

  /** What a need adds to its organizations' facts: a CLAIMED one to the claimant's load, a RESOLVED one to the resolver. */
  record NeedState(String status, String category, String claimedBy, String resolvedBy) {}

  /**
   * Everything at one moment: organizations by id (in id order), the OPEN needs by id, and what the patches need (every
   * need's state, which organization each partnership belongs to, the villages with an ACTIVE pairing);
   * {@code generation} and {@code needSequence}: {@link RecordChanges} when the read began; {@code readAt}:
   * {@link System#nanoTime()} then.
   */
  record Snapshot(Map<String, Facts.Organization> organizations, Map<String, Facts.Need> openNeeds,
      Map<String, NeedState> needs, Map<String, String> partnershipOrganization, Set<String> villagesPaired,
      long generation, long needSequence, long readAt) {}

  /** The snapshot to answer from (see the class comment for when it is read again or patched). */
  Snapshot snapshot() {
    Snapshot s = current;
    if (s == null || s.generation() < changes.generation() || age(s) > maxStaleNanos) s = readNow(s);
    if (changes.needSequence() > s.needSequence()) s = patchNow();
    if (age(s) > maxAgeNanos && refreshing.compareAndSet(false, true)) {
      refresher.execute(() -> {
        try {
          fullRead();
        } catch (RuntimeException e) {
          log.warn("matching snapshot not refreshed: {}", e.toString());
        } finally {
          refreshing.set(false);
        }
      });
    }
    return s;
  }

  private Snapshot readNow(Snapshot seen) {
    synchronized (fullReads) {
      Snapshot s = current;
      if (s != null && s != seen && s.generation() >= changes.generation() && age(s) <= maxStaleNanos) return s; // read meanwhile
      return fullRead();
    }
  }

  /** Reads everything and installs it, patched with the needs written while it read. */
  private Snapshot fullRead() {
    synchronized (fullReads) {
      readingFrom = changes.needSequence();
      try {
        Snapshot read = read();
        synchronized (this) {
          current = read;
          return patchNow();
        }
      } finally {
        readingFrom = Long.MAX_VALUE;
      }
    }
  }

  /** Applies the needs written since the current snapshot. */
  private synchronized Snapshot patchNow() {
    Snapshot s = current;
    RecordChanges.NeedsChanged changed = changes.needsChangedAfter(s.needSequence());
    if (!changed.ids().isEmpty()) {
      s = patch(s, changed);
      current = s;
    }
    changes.forgetNeedsUpTo(Math.min(s.needSequence(), readingFrom));
    return s;
  }

  private static long age(Snapshot s) {
    return System.nanoTime() - s.readAt();
  }

  @Override
  public void destroy() {
    refresher.shutdownNow();
  }

  /** Reads the record now (without installing it). */
  Snapshot read() {
    long generation = changes.generation();
    long needSequence = changes.needSequence();
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
      paired.computeIfAbsent(org, k -> new HashMap<>())
          .put(p.getString("villageCode"), start == null ? LocalDate.of(1949, 10, 1) : LocalDate.parse(start));
      byTownship.computeIfAbsent(org, k -> new HashMap<>()).merge(String.valueOf(p.getString("township")), 1, Integer::sum);
      villagesPaired.add(p.getString("villageCode"));
    }
    Map<String, Facts.Organization> orgs = new TreeMap<>();
    for (Document o : organizations.find().projection(new Document("name", 1).append("resources.id", 1)
        .append("resources.category", 1).append("resources.title", 1))) {
      String id = o.getString("_id");
      List<Facts.Resource> resources = new ArrayList<>();
      for (Document r : o.getList("resources", Document.class, List.of())) {
        resources.add(new Facts.Resource(r.getString("id"), r.getString("category"), r.getString("title")));
      }
      orgs.put(id, new Facts.Organization(id, o.getString("name"), resources, paired.getOrDefault(id, Map.of()),
          byTownship.getOrDefault(id, Map.of()), Map.of(), 0));
    }
    Map<String, NeedState> states = new HashMap<>();
    Map<String, Facts.Need> openNeeds = new TreeMap<>();
    Counts counts = new Counts();
    for (Document n : needs.find().projection(NEED_FIELDS)) {
      NeedState state = state(n, partnershipOrganization);
      states.put(n.getString("_id"), state);
      counts.add(state, +1);
      if ("OPEN".equals(state.status())) openNeeds.put(n.getString("_id"), need(n, villagesPaired.contains(n.getString("villageCode"))));
    }
    counts.applyTo(orgs);
    return new Snapshot(orgs, openNeeds, states, partnershipOrganization, villagesPaired, generation, needSequence, readAt);
  }

  /** {@code s} with the needs in {@code changed} read again. */
  Snapshot patch(Snapshot s, RecordChanges.NeedsChanged changed) {
    Map<String, Facts.Organization> orgs = new TreeMap<>(s.organizations());
    Map<String, Facts.Need> openNeeds = new TreeMap<>(s.openNeeds());
    Map<String, NeedState> states = new HashMap<>(s.needs());
    Counts counts = new Counts();
    for (String id : changed.ids()) {
      Document n = needs.find(eq("_id", id)).projection(NEED_FIELDS).first();
      NeedState old = states.remove(id);
      if (old != null) counts.add(old, -1);
      openNeeds.remove(id);
      if (n == null) continue;
      NeedState now = state(n, s.partnershipOrganization());
      states.put(id, now);
      counts.add(now, +1);
      if ("OPEN".equals(now.status())) openNeeds.put(id, need(n, s.villagesPaired().contains(n.getString("villageCode"))));
    }
    counts.applyTo(orgs);
    return new Snapshot(orgs, openNeeds, states, s.partnershipOrganization(), s.villagesPaired(), s.generation(),
        Math.max(s.needSequence(), changed.upTo()), s.readAt());
  }

  /** Changes to organizations' load (open claims) and resolved needs by category, added up before they are applied. */
  private static final class Counts {
    final Map<String, Integer> claims = new HashMap<>();
    final Map<String, Map<String, Integer>> resolved = new HashMap<>();

    /** The one rule of what a need adds to the facts of organizations. */
    void add(NeedState n, int sign) {
      if ("CLAIMED".equals(n.status()) && n.claimedBy() != null) claims.merge(n.claimedBy(), sign, Integer::sum);
      if ("RESOLVED".equals(n.status()) && n.resolvedBy() != null) {
        resolved.computeIfAbsent(n.resolvedBy(), k -> new HashMap<>()).merge(String.valueOf(n.category()), sign, Integer::sum);
      }
    }

    void applyTo(Map<String, Facts.Organization> orgs) {
      Set<String> touched = new HashSet<>(claims.keySet());
      touched.addAll(resolved.keySet());
      for (String id : touched) {
        Facts.Organization o = orgs.get(id);
        if (o == null) continue; // not in the register (yet): nothing to score
        Map<String, Integer> byCategory = new HashMap<>(o.resolvedByCategory());
        resolved.getOrDefault(id, Map.of()).forEach((c, d) -> byCategory.merge(c, d, Integer::sum));
        byCategory.values().removeIf(v -> v == 0);
        orgs.put(id, new Facts.Organization(o.id(), o.name(), o.resources(), o.pairedVillages(), o.pairingsByTownship(),
            byCategory, o.openClaims() + claims.getOrDefault(id, 0)));
      }
    }
  }

  private static NeedState state(Document n, Map<String, String> partnershipOrganization) {
    Document c = n.get("claim", Document.class);
    String status = String.valueOf(n.getString("status"));
    return new NeedState(status, n.getString("category"), c == null ? null : c.getString("organizationId"),
        "RESOLVED".equals(status) ? partnershipOrganization.get(n.getString("partnershipId")) : null);
  }

  static Facts.Need need(Document n, boolean villageHasPairing) {
    Instant posted = n.getDate("createdAt").toInstant();
    return new Facts.Need(n.getString("_id"), n.getString("villageCode"), n.getString("township"), n.getString("category"),
        n.getString("title"), posted, new HashSet<>(n.getList("releasedBy", String.class, List.of())), villageHasPairing);
  }
}
