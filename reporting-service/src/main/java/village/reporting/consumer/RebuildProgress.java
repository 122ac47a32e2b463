package village.reporting.consumer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A running rebuild: when it started, how many of the records that were on the topics when it started the new
 * generation has read ({@code applied}) out of how many ({@code total}; null until the end offsets are known).
 */
public record RebuildProgress(Instant startedAt, long applied, Long total) {
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("startedAt", startedAt.toString());
    m.put("applied", applied);
    m.put("total", total);
    return m;
  }

  /** What a rebuild request did: started one, or found one running (which it did not disturb). */
  public record Request(boolean started, RebuildProgress progress) {}
}
