package village.partnership.needs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonIgnore;
import village.events.partnership.NeedPosted;
import village.events.partnership.NeedClaimed;
import village.events.partnership.NeedReleased;
import village.events.partnership.NeedResolved;
import village.partnership.partnerships.Partnership;
import village.support.aggregate.Aggregate;
import village.support.aggregate.Change;
import village.support.web.IdempotencyKeys;
import village.support.web.Problems;

/**
 * A village need (需求清单), the aggregate. OPEN → CLAIMED (an organization took it on, 认领) → OPEN (released) …;
 * OPEN or CLAIMED → RESOLVED through an ACTIVE partnership with the same village. Each rule method decides and
 * returns the {@link Change}: the need after it, its event and what its history keeps; plumbing stores all three in one
 * write. Not shown: the fingerprint of the request that posted it and the Idempotency-Keys of the changes applied. {@code ref}: the clerk's own number (optional, kept on the record, a list filter). {@code claim}: the current (or, once resolved, the last) claim; {@code releasedBy}: organizations that gave a
 * claim on it up (in order).
 */
public record Need(String id, String villageCode, String township, String category, String title, String description,
    String status, String partnershipId, LocalDate resolvedOn, String resolutionNote, Claim claim, List<String> releasedBy,
    long version, Instant createdAt, String ref, @JsonIgnore String fingerprint, @JsonIgnore List<RequestKey> requestKeys)
    implements Aggregate {
  static final String OPEN = "OPEN";
  static final String CLAIMED = "CLAIMED";
  static final String RESOLVED = "RESOLVED";
  static final List<String> STATUSES = List.of(OPEN, CLAIMED, RESOLVED);

  public Need {
    releasedBy = releasedBy == null ? List.of() : List.copyOf(releasedBy);
    requestKeys = requestKeys == null ? List.of() : List.copyOf(requestKeys);
  }

  /** A need as the register keeps it before any change: OPEN, version 1. */
  Need(String id, String villageCode, String township, String category, String title, String description, Instant createdAt,
      String ref, String fingerprint) {
    this(id, villageCode, township, category, title, description, OPEN, null, null, null, null, List.of(), 1, createdAt, ref,
        fingerprint, List.of());
  }

  /** The Idempotency-Key of a state change applied to the need: its scoped id and the body's fingerprint. */
  public record RequestKey(String key, String fingerprint) {}

  /** A new OPEN need of {@code township}'s village. */
  static Change<Need> post(String id, Requests.PostNeed r, String township, Instant now, String fingerprint) {
    Need n = new Need(id, r.villageCode(), township, r.category(), r.title(), r.description(), now, r.ref(), fingerprint);
    return Change.of(n, new NeedPosted(id, r.villageCode(), township, r.category(), r.title()), "POSTED",
        Map.of("villageCode", r.villageCode(), "category", r.category(), "title", r.title()));
  }

  /** Whether the keyed request was applied already (422 if the key came with another body). */
  boolean hasApplied(RequestKey key) {
    if (key == null) return false;
    for (RequestKey k : requestKeys) {
      if (k.key().equals(key.key())) {
        IdempotencyKeys.requireSameRequest(k.fingerprint(), key.fingerprint());
        return true;
      }
    }
    return false;
  }

  /** The need remembering that the keyed request was applied (unchanged without a key). */
  Need remembering(RequestKey key) {
    if (key == null) return this;
    List<RequestKey> keys = new ArrayList<>(requestKeys);
    keys.add(key);
    return new Need(id, villageCode, township, category, title, description, status, partnershipId, resolvedOn, resolutionNote,
        claim, releasedBy, version, createdAt, ref, fingerprint, keys);
  }

  private Need moved(String newStatus, String newPartnershipId, LocalDate newResolvedOn, String newNote, Claim newClaim,
      List<String> newReleasedBy) {
    return new Need(id, villageCode, township, category, title, description, newStatus, newPartnershipId, newResolvedOn, newNote,
        newClaim, newReleasedBy, version + 1, createdAt, ref, fingerprint, requestKeys);
  }

  /** Who took the need on, when, and what the suggestions said of that organization then (score, weights version). */
  public record Claim(String organizationId, Instant claimedAt, String claimedBy, int suggestionScore, int weightsVersion) {}

  boolean isOpen() {
    return OPEN.equals(status);
  }

  boolean isClaimed() {
    return CLAIMED.equals(status);
  }

  /** {@code organizationId} takes the OPEN need on; 409 otherwise. */
  Change<Need> claim(String organizationId, int suggestionScore, int weightsVersion, Instant at, String actor) {
    if (RESOLVED.equals(status)) throw resolvedAlready();
    if (isClaimed()) {
      throw Problems.conflict("need-claimed", "Need claimed", "Need '" + id + "' is CLAIMED by organization '"
          + claim.organizationId() + "' already; it must be released first.");
    }
    Claim c = new Claim(organizationId, at, actor, suggestionScore, weightsVersion);
    Need after = moved(CLAIMED, partnershipId, resolvedOn, resolutionNote, c, releasedBy);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("organizationId", organizationId);
    details.put("suggestionScore", suggestionScore);
    details.put("weightsVersion", weightsVersion);
    return Change.of(after, new NeedClaimed(id, villageCode, township, category, organizationId, suggestionScore, weightsVersion),
        "CLAIMED", details);
  }

  /** The claim is given up: OPEN again, and the organization is remembered as having released it; 409 unless CLAIMED. */
  Change<Need> release(String reason) {
    if (!isClaimed()) {
      throw Problems.conflict("need-not-claimed", "Need not claimed", "Need '" + id + "' is " + status + ", not CLAIMED.");
    }
    List<String> released = new ArrayList<>(releasedBy);
    if (!released.contains(claim.organizationId())) released.add(claim.organizationId());
    Need after = moved(OPEN, partnershipId, resolvedOn, resolutionNote, null, released);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("organizationId", claim.organizationId());
    if (reason != null) details.put("reason", reason);
    return Change.of(after, new NeedReleased(id, villageCode, claim.organizationId(), reason), "RELEASED", details);
  }

  /**
   * Solved through {@code p} on {@code on}: from OPEN or CLAIMED (by anyone: the claim says who took it on, the
   * partnership who solved it). 409 when resolved already; 422 when the partnership is not an ACTIVE one with this
   * village; 400 when {@code on} is before the partnership started.
   */
  Change<Need> resolve(Partnership p, LocalDate on, String note) {
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
    Need after = moved(RESOLVED, p.id(), on, note, claim, releasedBy);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("partnershipId", p.id());
    details.put("resolvedOn", on.toString());
    if (note != null) details.put("note", note);
    if (isClaimed()) details.put("claimedBy", claim.organizationId());
    return Change.of(after, new NeedResolved(id, villageCode, p.id(), on), "RESOLVED", details);
  }

  /** 409 when the need is RESOLVED. */
  void requireNotResolved() {
    if (RESOLVED.equals(status)) throw resolvedAlready();
  }

  private RuntimeException resolvedAlready() {
    return Problems.conflict("need-resolved", "Need resolved", "Need '" + id + "' is RESOLVED already.");
  }
}
