package village.reporting.consumer;

import java.time.Instant;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A running rebuild: when it started, how many of the records that were on the topics when it started the new
 * generation has read ({@code applied}) out of how many ({@code total}; null until the end offsets are known).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RebuildProgress(Instant startedAt, long applied, Long total) {
  /** What a rebuild request did: started one, or found one running (which it did not disturb). */
  public record Request(boolean started, RebuildProgress progress) {}
}
