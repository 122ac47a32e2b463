package village.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A control record, not a domain event: "every write that {@code service}'s instance {@code instance} acknowledged
 * before {@code upTo} is on this partition before this record". Each write service's outbox relay sends one to every
 * partition of its topic about once a second; a consumer that has applied everything up to a watermark on every
 * partition (from every live instance of every source) may say its data is complete up to the smallest {@code upTo}.
 *
 * <p>On the wire it is the JSON of this record with {@code "type": "Watermark"} and the Kafka header
 * {@link #HEADER}{@code =}{@link #TYPE}; it is never a {@link DomainEvent} and has no aggregate or sequence of one, so
 * a consumer that does not care skips it (never dead-letters it). {@code sequence} counts this instance's watermarks.
 *
 * @param partitions how many partitions the topic had when it was sent (a consumer needs a watermark on each)
 * @param waitingEvents writes of this instance not yet published (in progress, queued, or left over from a crash)
 * @param oldestWaitingSince when the oldest of them started, null when none waits
 */
public record Watermark(
    String type,
    int schemaVersion,
    String service,
    String instance,
    int partition,
    int partitions,
    Instant upTo,
    Instant sentAt,
    long sequence,
    int waitingEvents,
    Instant oldestWaitingSince) {

  /** The wire type name. */
  public static final String TYPE = "Watermark";
  /** The Kafka header that marks a control record; its value is the record's type. */
  public static final String HEADER = "village-record";
  public static final int SCHEMA_VERSION = 1;

  public Watermark {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(upTo, "upTo");
    if (!TYPE.equals(type)) throw new IllegalArgumentException("type must be " + TYPE + ", was " + type);
    if (partition < 0 || partitions < 1 || partition >= partitions) {
      throw new IllegalArgumentException("partition " + partition + " of " + partitions);
    }
  }

  public static Watermark of(String service, String instance, int partition, int partitions, Instant upTo, Instant sentAt,
      long sequence, int waitingEvents, Instant oldestWaitingSince) {
    return new Watermark(TYPE, SCHEMA_VERSION, service, instance, partition, partitions, upTo, sentAt, sequence,
        waitingEvents, oldestWaitingSince);
  }
}
