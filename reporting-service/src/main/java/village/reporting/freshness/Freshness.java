package village.reporting.freshness;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import village.events.Topics;

/**
 * How fresh the statistics are. {@code asOf} is the smallest watermark time over the write services (each: over its
 * topic's partitions and live instances; see {@link SourceWatermarks}), consumed after every event before it was
 * applied — so every write acknowledged before {@code asOf} is counted. A source without a watermark yet proves
 * nothing: {@code asOf} is then the epoch. When {@code asOf} trails the clock by {@code behind-after} or more the
 * response carries {@code behind}: how many seconds and, per lagging source, its own time and what its outbox says
 * ({@code /internal/outbox}: events waiting, since when, Kafka reachable from it).
 */
@Component
@EnableConfigurationProperties(FreshnessProperties.class)
public class Freshness {
  private final OutboxBacklogs backlogs;
  private final FreshnessProperties props;
  private final Clock clock;
  private final List<String> sources = Topics.all().stream().map(t -> Topics.producer(t).orElseThrow()).toList();

  Freshness(FreshnessProperties props, Clock clock) {
    this.props = props;
    this.clock = clock;
    this.backlogs = new OutboxBacklogs(props.services(), clock, props.backlogMaxAge());
  }

  /**
   * A new record of the watermarks one read-model generation consumed (each generation has its own: a rebuilding
   * one proves nothing about the live one, and the live one keeps its proof until the new one is swapped in).
   */
  public SourceWatermarks tracker() {
    return new SourceWatermarks(props.instanceTimeout());
  }

  /** The time up to which every acknowledged write is included in the generation that consumed {@code watermarks}. */
  public Instant asOf(SourceWatermarks watermarks) {
    Instant asOf = null;
    for (String s : sources) {
      Instant upTo = watermarks.source(s).upTo().orElse(Instant.EPOCH);
      if (asOf == null || upTo.isBefore(asOf)) asOf = upTo;
    }
    Instant now = clock.instant();
    return asOf == null || asOf.isAfter(now) ? now : asOf;
  }

  /**
   * The head of every statistics response: {@code asOf}, {@code lag} and, when {@code asOf} trails by
   * {@code behind-after} or more, {@code behind} (absent otherwise).
   */
  public record Header(Instant asOf, long lag, @JsonInclude(JsonInclude.Include.NON_NULL) Behind behind) {}

  /** How far {@code asOf} trails the clock, and each lagging source. */
  public record Behind(long seconds, List<LaggingSource> sources) {}

  /**
   * A write service whose watermark trails: its own time ({@code upTo}, null before its first watermark), what its
   * outbox says (events waiting and since when; null when unknown) and why, in words.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record LaggingSource(String service, Instant upTo, long seconds, Integer waitingEvents, Instant oldestWaitingSince,
      String reason) {}

  /** {@code asOf}, {@code lag} and, when behind, {@code behind}: the head of every statistics response. */
  public Header header(SourceWatermarks watermarks, long lag) {
    Instant now = clock.instant();
    Instant asOf = null;
    List<LaggingSource> lagging = new ArrayList<>();
    for (String s : sources) {
      SourceWatermarks.Source source = watermarks.source(s);
      Instant upTo = source.upTo().orElse(Instant.EPOCH);
      if (asOf == null || upTo.isBefore(asOf)) asOf = upTo;
      if (Duration.between(upTo, now).compareTo(props.behindAfter()) >= 0) lagging.add(describe(source, upTo, now, lag));
    }
    if (asOf == null || asOf.isAfter(now)) asOf = now;
    Behind behind = lagging.isEmpty() ? null : new Behind(Math.max(0, Duration.between(asOf, now).toSeconds()), lagging);
    return new Header(asOf, lag, behind);
  }

  private LaggingSource describe(SourceWatermarks.Source source, Instant upTo, Instant now, long lag) {
    Optional<OutboxBacklogs.Backlog> backlog = backlogs.of(source.service());
    Integer waiting = backlog.filter(OutboxBacklogs.Backlog::answered).map(OutboxBacklogs.Backlog::waitingEvents).orElse(null);
    Instant oldest = backlog.filter(OutboxBacklogs.Backlog::answered).map(OutboxBacklogs.Backlog::oldestWaitingSince).orElse(null);
    if (waiting == null && source.upTo().isPresent()) { // the last watermark's own account
      waiting = source.waitingEvents();
      oldest = source.oldestWaitingSince();
    }
    return new LaggingSource(source.service(), source.upTo().orElse(null), Math.max(0, Duration.between(upTo, now).toSeconds()),
        waiting, oldest, reason(source, backlog, lag));
  }

  private static String reason(SourceWatermarks.Source source, Optional<OutboxBacklogs.Backlog> backlog, long lag) {
    if (backlog.isPresent() && backlog.get().answered()) {
      var b = backlog.get();
      if (!b.kafkaReachable()) return "Kafka is unreachable from " + source.service() + "; its events wait in its outbox";
      if (b.waitingEvents() > 0) return source.service() + " has events waiting in its outbox";
    } else if (backlog.isPresent()) {
      return source.service() + " does not answer; its last watermark is the newest proof";
    }
    if (lag > 0) return "reporting-service has " + lag + " record(s) to consume";
    if (source.upTo().isEmpty()) return "no watermark from " + source.service() + " received yet";
    return "no newer watermark from " + source.service() + " has reached reporting-service";
  }
}
