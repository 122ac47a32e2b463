package village.events.partnership;

import village.events.DomainEvent;

/**
 * The events partnership-service publishes (villages, organizations and their resources, partnerships, needs).
 * Sealed: a consumer's {@code switch} over it is exhaustive, so a new event type that a consumer does not handle
 * fails that consumer's build ({@link village.events.EventTypes} lists the permitted records).
 */
public sealed interface PartnershipEvent extends DomainEvent
    permits NeedClaimed, NeedPosted, NeedReleased, NeedResolved, OrganizationRegistered, PartnershipEnded, PartnershipRegistered, ResourceOffered, VillageRegistered {}
