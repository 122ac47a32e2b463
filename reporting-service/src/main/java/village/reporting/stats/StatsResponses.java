package village.reporting.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import village.reporting.consumer.DeadLetters;
import village.reporting.consumer.RebuildProgress;
import village.reporting.readmodel.Overview;
import village.reporting.readmodel.TownshipFigures;
import village.reporting.readmodel.VillageFigures;

/** The bodies {@code /api/stats} answers: the {@link StatsHeader} first, then the figures. */
public final class StatsResponses {
  private StatsResponses() {}

  /** {@code GET /api/stats/overview}: {@code township} and {@code year} only when asked for (or scoped to). */
  public record OverviewResponse(@JsonUnwrapped StatsHeader header,
      @JsonInclude(JsonInclude.Include.NON_NULL) String township,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer year, @JsonUnwrapped Overview figures) {}

  /** {@code GET /api/stats/townships}: {@code year} null for all time. */
  public record TownshipsResponse(@JsonUnwrapped StatsHeader header, @JsonInclude(JsonInclude.Include.ALWAYS) Integer year,
      List<TownshipFigures> items) {}

  /** {@code GET /api/stats/villages}: {@code year} null for all time. */
  public record VillagesResponse(@JsonUnwrapped StatsHeader header, @JsonInclude(JsonInclude.Include.ALWAYS) Integer year,
      List<VillageFigures> items) {}

  /** {@code POST /api/stats/rebuild}'s 202. */
  public record RebuildStarted(String status, String detail, RebuildProgress rebuild) {}

  /** {@code GET /api/stats/dead-letters}: how many there are, and the newest ones. */
  public record DeadLetterList(long total, List<DeadLetters.Listed> items) {}
}
