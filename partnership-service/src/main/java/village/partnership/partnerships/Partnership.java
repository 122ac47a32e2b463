package village.partnership.partnerships;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import village.events.partnership.PartnershipEnded;
import village.events.partnership.PartnershipRegistered;
import village.support.aggregate.Aggregate;
import village.support.aggregate.Change;
import village.support.web.Problems;

/**
 * A pairing (手拉手结对共建) of an organization with a village, the aggregate, as stored and shown (the request's
 * fingerprint is not shown). ACTIVE → ENDED, once. Each rule method decides and returns its {@link Change}.
 */
public record Partnership(String id, String organizationId, String organizationType, String villageCode, String township,
    String status, LocalDate startDate, LocalDate endDate, String endReason, List<String> focus, String note, long version,
    Instant createdAt, @JsonIgnore String fingerprint) implements Aggregate {

  public static final String ACTIVE = "ACTIVE";
  public static final String ENDED = "ENDED";

  public Partnership {
    focus = focus == null ? List.of() : List.copyOf(focus);
  }

  boolean isActive() {
    return ACTIVE.equals(status);
  }

  /** A new ACTIVE pairing at version 1 ({@code focus} without repeats, in the order given). */
  static Change<Partnership> register(String id, Requests.RegisterPartnership r, String organizationType, String township,
      Instant now, String fingerprint) {
    List<String> focus = r.focus() == null ? List.of() : List.copyOf(new LinkedHashSet<>(r.focus()));
    Partnership p = new Partnership(id, r.organizationId(), organizationType, r.villageCode(), township, ACTIVE, r.startDate(),
        null, null, focus, r.note(), 1, now, fingerprint);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("organizationId", r.organizationId());
    details.put("villageCode", r.villageCode());
    details.put("startDate", r.startDate().toString());
    return Change.of(p, new PartnershipRegistered(id, r.organizationId(), organizationType, r.villageCode(), township,
        r.startDate(), focus), "REGISTERED", details);
  }

  /** 400 when a pairing would end before it started. */
  void requireEndNotBeforeStart(LocalDate on) {
    if (on.isBefore(startDate)) throw Problems.invalid("endDate", "must not be before startDate " + startDate);
  }

  /** Ends the pairing on {@code on}: 409 when it is ENDED already, 400 before it started. */
  Change<Partnership> end(LocalDate on, String reason) {
    if (!isActive()) throw Problems.conflict("partnership-ended", "Partnership ended", "Partnership '" + id + "' is ENDED already.");
    requireEndNotBeforeStart(on);
    Partnership p = new Partnership(id, organizationId, organizationType, villageCode, township, ENDED, startDate, on, reason,
        focus, note, version + 1, createdAt, fingerprint);
    return Change.of(p, new PartnershipEnded(id, organizationId, villageCode, on, reason), "ENDED",
        Map.of("endDate", on.toString(), "reason", reason));
  }
}
