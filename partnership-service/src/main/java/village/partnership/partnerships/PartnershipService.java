package village.partnership.partnerships;

import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Service;
import village.events.Topics;
import village.events.partnership.PartnershipEnded;
import village.events.partnership.PartnershipRegistered;
import village.partnership.organizations.Organizations;
import village.partnership.support.Category;
import village.partnership.support.Fields;
import village.partnership.support.History;
import village.partnership.support.Ids;
import village.partnership.villages.Village;
import village.partnership.villages.Villages;
import village.support.outbox.OutboxEvents;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.ETags;
import village.support.web.HistoryEntry;
import village.support.web.IdempotencyKeys;
import village.support.web.Problems;

/** Registering and ending pairings, with the role rules and "one ACTIVE pairing per organization and village". */
@Service
class PartnershipService {
  static final int MAX_FOCUS = Category.values().length;
  private final Partnerships partnerships;
  private final Villages villages;
  private final Organizations organizations;
  private final OutboxEvents events;
  private final Clock clock;

  PartnershipService(Partnerships partnerships, Villages villages, Organizations organizations, OutboxEvents events, Clock clock) {
    this.partnerships = partnerships;
    this.villages = villages;
    this.organizations = organizations;
    this.events = events;
    this.clock = clock;
  }

  Partnership register(Requests.RegisterPartnership body, Caller caller, String key) {
    caller.requireAnyRole(Role.TOWNSHIP, Role.ORGANIZATION);
    Fields f = Fields.of(body);
    if (body != null) {
      f.code("organizationId", body.organizationId()).code("villageCode", body.villageCode())
          .required("startDate", body.startDate())
          .allOf("focus", body.focus(), Category.class, MAX_FOCUS)
          .text("note", body.note(), false, Fields.MAX_TEXT);
    }
    f.check();
    Village village = villages.find(body.villageCode()).orElseThrow(() ->
        Problems.unknownReference("villageCode", "Village '" + body.villageCode() + "' is not in the register."));
    Document org = organizations.find(body.organizationId()).orElseThrow(() ->
        Problems.unknownReference("organizationId", "Organization '" + body.organizationId() + "' is not registered."));
    caller.requireTownshipOfOrOrganization(village.township(), body.organizationId());

    String id = Ids.newId(caller, "POST /api/partnerships", key);
    String fingerprint = IdempotencyKeys.fingerprint(body);
    var existing = partnerships.document(id);
    if (existing.isPresent()) {
      IdempotencyKeys.requireSameRequest(existing.get().getString("fingerprint"), fingerprint);
      return Partnership.of(existing.get());
    }
    if (!partnerships.claim(body.organizationId(), body.villageCode(), id)) {
      throw Problems.conflict("partnership-active", "Pairing already active", "Organization '" + body.organizationId()
          + "' is already paired with village " + body.villageCode() + " (ACTIVE).");
    }
    List<String> focus = body.focus() == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(body.focus()));
    String type = org.getString("type");
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("organizationId", body.organizationId());
    details.put("villageCode", body.villageCode());
    details.put("startDate", body.startDate().toString());
    Document doc = new Document("_id", id).append("organizationId", body.organizationId()).append("organizationType", type)
        .append("villageCode", body.villageCode()).append("township", village.township())
        .append("status", Partnership.ACTIVE).append("startDate", body.startDate().toString()).append("endDate", null)
        .append("focus", focus).append("note", body.note()).append("version", 1L)
        .append("createdAt", Date.from(clock.instant())).append("fingerprint", fingerprint)
        .append("history", List.of(History.document(new HistoryEntry(1, clock.instant(), caller.subject(), "REGISTERED", details))));
    var event = events.entry(Topics.PARTNERSHIPS, new PartnershipRegistered(id, body.organizationId(), type,
        body.villageCode(), village.township(), body.startDate(), focus), 1, caller);
    try {
      if (!partnerships.insert(doc, event)) { // a concurrent retry with the same key won
        return partnerships.find(id).orElseThrow();
      }
    } catch (RuntimeException e) {
      partnerships.release(body.organizationId(), body.villageCode(), id);
      throw e;
    }
    return Partnership.of(doc);
  }

  Partnership end(String id, Requests.EndPartnership body, String ifMatch, Caller caller) {
    Partnership p = get(id);
    caller.requireTownshipOfOrOrganization(p.township(), p.organizationId());
    Fields f = Fields.of(body);
    if (body != null) {
      f.required("endDate", body.endDate()).text("reason", body.reason(), true, Fields.MAX_TEXT);
      if (body.endDate() != null) f.rule(!body.endDate().isBefore(p.startDate()), "endDate", "must not be before startDate " + p.startDate());
    }
    f.check();
    ETags.checkIfMatch(ifMatch, p.version());
    if (!p.isActive()) {
      throw Problems.conflict("partnership-ended", "Partnership ended", "Partnership '" + id + "' is ENDED already.");
    }
    var history = new HistoryEntry((int) p.version() + 1, clock.instant(), caller.subject(), "ENDED",
        Map.of("endDate", body.endDate().toString(), "reason", body.reason()));
    var event = events.entry(Topics.PARTNERSHIPS, new PartnershipEnded(id, p.organizationId(), p.villageCode(),
        body.endDate(), body.reason()), p.version() + 1, caller);
    if (!partnerships.update(id, p.version(), Partnership.ACTIVE, Partnerships.ended(body.endDate().toString(), body.reason()),
        history, event)) {
      Partnership now = get(id);
      if (!now.isActive()) throw Problems.conflict("partnership-ended", "Partnership ended", "Partnership '" + id + "' is ENDED already.");
      throw Problems.preconditionFailed("Partnership '" + id + "' changed concurrently; read it again.");
    }
    partnerships.release(p.organizationId(), p.villageCode(), id);
    return get(id);
  }

  Partnership get(String id) {
    return partnerships.find(id).orElseThrow(() -> Problems.notFound("Partnership", id));
  }

  List<HistoryEntry> history(String id) {
    return History.of(partnerships.document(id).orElseThrow(() -> Problems.notFound("Partnership", id)));
  }
}
