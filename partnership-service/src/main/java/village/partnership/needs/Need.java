package village.partnership.needs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import village.events.DomainEvent;
import village.events.partnership.NeedClaimed;
import village.events.partnership.NeedReleased;
import village.events.partnership.NeedResolved;
import village.partnership.partnerships.Partnership;
import village.support.web.Problems;

/**
 * A village need (需求清单), the aggregate. OPEN → CLAIMED (an organization took it on, 认领) → OPEN (released) …;
 * OPEN or CLAIMED → RESOLVED through an ACTIVE partnership with the same village. Each rule method decides and
 * returns the {@link Move}: the need after it, its event and what its history keeps; plumbing stores all three in one
 * write. {@code ref}: the clerk's own number (optional, kept on the record, a list filter). {@code claim}: the current (or, once resolved, the last) claim; {@code releasedBy}: organizations that gave a
 * claim on it up (in order).
 */
public record Need(String id, String villageCode, String township, String category, String title, String description,
    String status, String partnershipId, LocalDate resolvedOn, String resolutionNote, Claim claim, List<String> releasedBy,
    long version, Instant createdAt, String ref) {
  static final String OPEN = "OPEN";
  static final String CLAIMED = "CLAIMED";
  static final String RESOLVED = "RESOLVED";
  static final List<String> STATUSES = List.of(OPEN, CLAIMED, RESOLVED);

  public Need {
    releasedBy = releasedBy == null ? List.of() : List.copyOf(releasedBy);
  }

  /** Who took the need on, when, and what the suggestions said of that organization then (score, weights version). */
  public record Claim(String organizationId, Instant claimedAt, String claimedBy, int suggestionScore, int weightsVersion) {}

  /** One change: the need after it, its event, and the history entry's action and details. */
  record Move(Need after, DomainEvent event, String action, Map<String, Object> details) {}

  boolean isOpen() {
    return OPEN.equals(status);
  }

  boolean isClaimed() {
    return CLAIMED.equals(status);
  }

  /** {@code organizationId} takes the OPEN need on; 409 otherwise. */
  Move claim(String organizationId, int suggestionScore, int weightsVersion, Instant at, String actor) {
    if (RESOLVED.equals(status)) throw resolvedAlready();
    if (isClaimed()) {
      throw Problems.conflict("need-claimed", "Need claimed", "Need '" + id + "' is CLAIMED by organization '"
          + claim.organizationId() + "' already; it must be released first.");
    }
    Claim c = new Claim(organizationId, at, actor, suggestionScore, weightsVersion);
    Need after = new Need(id, villageCode, township, category, title, description, CLAIMED, partnershipId, resolvedOn,
        resolutionNote, c, releasedBy, version + 1, createdAt, ref);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("organizationId", organizationId);
    details.put("suggestionScore", suggestionScore);
    details.put("weightsVersion", weightsVersion);
    return new Move(after, new NeedClaimed(id, villageCode, township, category, organizationId, suggestionScore, weightsVersion),
        "CLAIMED", details);
  }

  /** The claim is given up: OPEN again, and the organization is remembered as having released it; 409 unless CLAIMED. */
  Move release(String reason) {
    if (!isClaimed()) {
      throw Problems.conflict("need-not-claimed", "Need not claimed", "Need '" + id + "' is " + status + ", not CLAIMED.");
    }
    List<String> released = new ArrayList<>(releasedBy);
    if (!released.contains(claim.organizationId())) released.add(claim.organizationId());
    Need after = new Need(id, villageCode, township, category, title, description, OPEN, partnershipId, resolvedOn,
        resolutionNote, null, released, version + 1, createdAt, ref);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("organizationId", claim.organizationId());
    if (reason != null) details.put("reason", reason);
    return new Move(after, new NeedReleased(id, villageCode, claim.organizationId(), reason), "RELEASED", details);
  }

  /**
   * Solved through {@code p} on {@code on}: from OPEN or CLAIMED (by anyone: the claim says who took it on, the
   * partnership who solved it). 409 when resolved already; 422 when the partnership is not an ACTIVE one with this
   * village; 400 when {@code on} is before the partnership started.
   */
  Move resolve(Partnership p, LocalDate on, String note) {
    requireNotResolved();
    if (!p.villageCode().equals(villageCode)) {
      throw Problems.unknownReference("partnershipId", "Partnership '" + p.id() + "' is with village " + p.villageCode()
          + ", not with " + villageCode + ".");
    }
    if (!Partnership.ACTIVE.equals(p.status())) {
      throw Problems.unknownReference("partnershipId", "Partnership '" + p.id() + "' is ENDED; a need is resolved through an ACTIVE one.");
    }
    if (p.startDate() != null && on.isBefore(p.startDate())) {
      throw Problems.invalid("resolvedOn", "must not be before the partnership's startDate " + p.startDate());
    }
    Need after = new Need(id, villageCode, township, category, title, description, RESOLVED, p.id(), on, note, claim,
        releasedBy, version + 1, createdAt, ref);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("partnershipId", p.id());
    details.put("resolvedOn", on.toString());
    if (note != null) details.put("note", note);
    if (isClaimed()) details.put("claimedBy", claim.organizationId());
    return new Move(after, new NeedResolved(id, villageCode, p.id(), on), "RESOLVED", details);
  }

  /** 409 when the need is RESOLVED. */
  void requireNotResolved() {
    if (RESOLVED.equals(status)) throw resolvedAlready();
  }

  private RuntimeException resolvedAlready() {
    return Problems.conflict("need-resolved", "Need resolved", "Need '" + id + "' is RESOLVED already.");
  }

  static Need of(Document d) {
    String resolvedOn = d.getString("resolvedOn");
    Document c = d.get("claim", Document.class);
    Claim claim = c == null ? null : new Claim(c.getString("organizationId"), c.getDate("claimedAt").toInstant(),
        c.getString("claimedBy"), ((Number) c.get("suggestionScore")).intValue(), ((Number) c.get("weightsVersion")).intValue());
    return new Need(d.getString("_id"), d.getString("villageCode"), d.getString("township"), d.getString("category"),
        d.getString("title"), d.getString("description"), d.getString("status"), d.getString("partnershipId"),
        resolvedOn == null ? null : LocalDate.parse(resolvedOn), d.getString("resolutionNote"), claim,
        d.getList("releasedBy", String.class, List.of()), ((Number) d.get("version")).longValue(),
        d.getDate("createdAt").toInstant(), d.getString("ref"));
  }

  /** The stored form of the claim (null when none). */
  static Document claimDocument(Claim c) {
    if (c == null) return null;
    return new Document("organizationId", c.organizationId()).append("claimedAt", java.util.Date.from(c.claimedAt()))
        .append("claimedBy", c.claimedBy()).append("suggestionScore", c.suggestionScore())
        .append("weightsVersion", c.weightsVersion());
  }
}
