package village.events;

/**
 * The data of one event. Its wire {@code type} is the simple record name (never a Java class name with a
 * package), its {@code schemaVersion} is {@link #SCHEMA_VERSION} unless the record says otherwise.
 * Changes within a version are additive only.
 */
public interface DomainEvent {
  int SCHEMA_VERSION = 1;

  /** The id of the aggregate the event belongs to: the Kafka record key and the de-duplication key. */
  String aggregateId();

  /** The kind of aggregate {@link #aggregateId()} names (the envelope's {@code aggregateType}); each family decides it. */
  AggregateType aggregateType();

  default String type() {
    return getClass().getSimpleName();
  }

  default int schemaVersion() {
    return SCHEMA_VERSION;
  }
}
