package village.events.partnership;

import village.events.AggregateType;
import village.events.DomainEvent;

/**
 * The events partnership-service publishes (villages, organizations and their resources, partnerships, needs).
 * Sealed: a consumer's {@code switch} over it is exhaustive, so a new event type that a consumer does not handle
 * fails that consumer's build ({@link village.events.EventTypes} lists the permitted records).
 */
public sealed interface PartnershipEvent extends DomainEvent
    permits NeedClaimed, NeedPosted, NeedReleased, NeedResolved, OrganizationRegistered, PartnershipEnded, PartnershipRegistered, ResourceOffered, VillageRegistered {
  @Override
  default AggregateType aggregateType() {
    return switch (this) {
      case VillageRegistered _ -> AggregateType.VILLAGE;
      case OrganizationRegistered _, ResourceOffered _ -> AggregateType.ORGANIZATION;
      case PartnershipRegistered _, PartnershipEnded _ -> AggregateType.PARTNERSHIP;
      case NeedPosted _, NeedClaimed _, NeedReleased _, NeedResolved _ -> AggregateType.NEED;
    };
  }
}
