package village.events;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import village.events.funds.FundsEvent;
import village.events.partnership.PartnershipEvent;
import village.events.project.ProjectEvent;

/** Wire type name → record class, for every event of schema version 1: the records the producers' sealed families permit. */
public final class EventTypes {
  /** The producers' sealed families of events. */
  public static final java.util.List<Class<? extends DomainEvent>> FAMILIES = java.util.List.of(
      PartnershipEvent.class, ProjectEvent.class, FundsEvent.class);

  private static final Map<String, Class<? extends DomainEvent>> V1 = FAMILIES.stream()
      .flatMap(family -> Stream.of(family.getPermittedSubclasses()))
      .map(c -> c.asSubclass(DomainEvent.class))
      .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

  private EventTypes() {}

  /** The record class for a wire type and schema version, or empty when this build does not know it. */
  public static Optional<Class<? extends DomainEvent>> resolve(String type, int schemaVersion) {
    if (schemaVersion != DomainEvent.SCHEMA_VERSION || type == null) return Optional.empty();
    return Optional.ofNullable(V1.get(type));
  }

  public static java.util.Set<String> names() {
    return V1.keySet();
  }
}
