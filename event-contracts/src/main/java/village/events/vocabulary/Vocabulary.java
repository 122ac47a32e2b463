package village.events.vocabulary;

import java.util.List;
import java.util.Optional;

/**
 * The enumerated values the events carry, once for producers and consumers. On the wire each is its constant's name
 * (a string field of the event record); a value this build does not know is not silently counted as nothing: the
 * consumer refuses the event ({@link #parse} is empty).
 */
public final class Vocabulary {
  /** Every enumeration of the events' vocabulary. */
  public static final List<Class<? extends Enum<?>>> ALL = List.of(FundSource.class, Industry.class, ScaleUnit.class,
      ProjectStatus.class, OrganizationType.class, Category.class, VillageKind.class);

  private Vocabulary() {}

  /** The constant named {@code value}; empty when {@code value} is null or not one of {@code type}'s names. */
  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
    if (value == null) return Optional.empty();
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(value)) return Optional.of(e);
    }
    return Optional.empty();
  }
}
