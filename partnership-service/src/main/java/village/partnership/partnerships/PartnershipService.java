package village.partnership.partnerships;

import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import village.partnership.organizations.Organization;
import village.partnership.organizations.Organizations;
import village.partnership.support.Ids;
import village.partnership.villages.Village;
import village.partnership.villages.Villages;
import village.support.aggregate.AggregateCollection;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.HistoryEntry;
import village.support.web.IdempotencyKeys;
import village.support.web.Problems;

/**
 * Registering and ending pairings: the role rules and "one ACTIVE pairing per organization and village" (the
 * {@code activePairs} claim) here, the {@link Partnership} decides, {@link AggregateCollection} stores.
 */
@Service
class PartnershipService {
  private final Partnerships partnerships;
  private final AggregateCollection<Partnership> store;
  private final Villages villages;
  private final Organizations organizations;
  private final Clock clock;

  PartnershipService(Partnerships partnerships, Villages villages, Organizations organizations, Clock clock) {
    this.partnerships = partnerships;
    this.store = partnerships.store();
    this.villages = villages;
    this.organizations = organizations;
    this.clock = clock;
  }

  Partnership register(Requests.RegisterPartnership body, Caller caller, String key) {
    caller.requireAnyRole(Role.TOWNSHIP, Role.ORGANIZATION);
    Village village = villages.find(body.villageCode()).orElseThrow(() ->
        Problems.unknownReference("villageCode", "Village '" + body.villageCode() + "' is not in the register."));
    Organization org = organizations.find(body.organizationId()).orElseThrow(() ->
        Problems.unknownReference("organizationId", "Organization '" + body.organizationId() + "' is not registered."));
    caller.requireTownshipOfOrOrganization(village.township(), body.organizationId());

    String id = Ids.newId(caller, "POST /api/partnerships", key);
    String fingerprint = IdempotencyKeys.fingerprint(body);
    var existing = store.find(id);
    if (existing.isPresent()) {
      IdempotencyKeys.requireSameRequest(existing.get().fingerprint(), fingerprint);
      return existing.get();
    }
    if (!partnerships.claim(body.organizationId(), body.villageCode(), id)) {
      throw Problems.conflict("partnership-active", "Pairing already active", "Organization '" + body.organizationId()
          + "' is already paired with village " + body.villageCode() + " (ACTIVE).");
    }
    var registered = Partnership.register(id, body, org.type(), village.township(), clock.instant(), fingerprint);
    try {
      if (!store.insert(registered, caller.subject())) return store.get(id); // a concurrent retry with the same key won
    } catch (RuntimeException e) {
      partnerships.release(body.organizationId(), body.villageCode(), id);
      throw e;
    }
    return registered.after();
  }

  Partnership end(String id, Requests.EndPartnership body, String ifMatch, Caller caller) {
    Partnership ended = store.change(id, ifMatch, caller.subject(), p -> {
      caller.requireTownshipOfOrOrganization(p.township(), p.organizationId());
      p.requireEndNotBeforeStart(body.endDate());
    }, p -> p.end(body.endDate(), body.reason()));
    partnerships.release(ended.organizationId(), ended.villageCode(), id);
    return ended;
  }

  Partnership get(String id) {
    return store.get(id);
  }

  List<HistoryEntry> history(String id) {
    return store.history(id);
  }
}
