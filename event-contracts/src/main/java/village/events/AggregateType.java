package village.events;

/**
 * The kind of aggregate an event belongs to, carried in the envelope ({@code aggregateType}) beside its id: the pair
 * names the aggregate whose {@code sequence} the event continues. Each family says which of its events belong to which
 * aggregate ({@link DomainEvent#aggregateType()}), so consumers read it instead of inferring it.
 */
public enum AggregateType {
  VILLAGE, ORGANIZATION, PARTNERSHIP, NEED, PROJECT, FUND, COLLECTIVE_INCOME
}
