package village.support.aggregate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import village.events.DomainEvent;

/**
 * What an aggregate's rule method returns (Eventuate's result-with-events): the aggregate after the change, the event
 * it produced, and what its history keeps ({@code action} and {@code details}). The aggregate decides; an
 * {@link AggregateCollection} stores all three in one document write. {@code after}'s version is the one before plus
 * one (1 for a creation), and it is the event's sequence.
 *
 * <pre>{@code
 * Change<Partnership> end(LocalDate on, String reason) {
 *   if (!isActive()) throw new PartnershipAlreadyEnded(id);
 *   return Change.of(withStatus(ENDED, version + 1), new PartnershipEnded(id, on, reason), "ENDED", Map.of(...));
 * }
 * }</pre>
 */
public record Change<A extends Aggregate>(A after, DomainEvent event, String action, Map<String, Object> details) {
  /** {@code event} is null only for a setting (see {@link #ofSetting}), stored by a collection without events. */
  public Change {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(action, "action");
    details = details == null ? new LinkedHashMap<>() : new LinkedHashMap<>(details);
  }

  public static <A extends Aggregate> Change<A> of(A after, DomainEvent event, String action, Map<String, Object> details) {
    return new Change<>(after, event, action, details);
  }

  /**
   * A change of a setting (e.g. a township's matching weights): versioned and kept in the history like any change, but
   * no statistics follow from it, so no event ({@link AggregateCollection#withoutEvents}).
   */
  public static <A extends Aggregate> Change<A> ofSetting(A after, String action, Map<String, Object> details) {
    return new Change<>(after, null, action, details);
  }

  /** The same change with {@code after} amended (e.g. remembering the request's Idempotency-Key). */
  public Change<A> map(java.util.function.UnaryOperator<A> amend) {
    return new Change<>(amend.apply(after), event, action, details);
  }

  /** The same change, its history keeping one more detail (when {@code value} is set). */
  public Change<A> with(String detail, Object value) {
    if (value == null) return this;
    Map<String, Object> more = new LinkedHashMap<>(details);
    more.put(detail, value);
    return new Change<>(after, event, action, more);
  }
}
