package village.events;

/** Kafka topic names. Record key = aggregate id; retained indefinitely so the read model can be rebuilt. */
public final class Topics {
  public static final String PARTNERSHIPS = "village.partnerships.v1";
  public static final String PROJECTS = "village.projects.v1";
  public static final String FUNDS = "village.funds.v1";

  private Topics() {}

  /** Every topic, in a stable order. */
  public static java.util.List<String> all() {
    return java.util.List.of(PARTNERSHIPS, PROJECTS, FUNDS);
  }

  /** The service that writes a topic (its outbox relay also sends the topic's {@link Watermark}s). */
  public static java.util.Optional<String> producer(String topic) {
    return java.util.Optional.ofNullable(switch (topic) {
      case PARTNERSHIPS -> "partnership-service";
      case PROJECTS -> "project-service";
      case FUNDS -> "funds-service";
      default -> null;
    });
  }

  /** The topics a service writes (empty for a service that writes none). */
  public static java.util.List<String> producedBy(String service) {
    return all().stream().filter(t -> producer(t).filter(service::equals).isPresent()).toList();
  }

  /** A topic name under an optional namespace prefix (tests use one per test class; production uses ""). */
  public static String named(String prefix, String topic) {
    return prefix == null || prefix.isEmpty() ? topic : prefix + topic;
  }
}
