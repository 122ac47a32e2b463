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

  /** A topic name under an optional namespace prefix (tests use one per test class; production uses ""). */
  public static String named(String prefix, String topic) {
    return prefix == null || prefix.isEmpty() ? topic : prefix + topic;
  }
}
