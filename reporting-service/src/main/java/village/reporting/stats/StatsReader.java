package village.reporting.stats;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.stereotype.Component;
import village.reporting.consumer.DeadLetters;
import village.reporting.consumer.RebuildProgress;
import village.reporting.consumer.StatsConsumer;
import village.reporting.readmodel.StatsQueries;
import village.reporting.readmodel.TownshipFigures;
import village.reporting.readmodel.VillageFigures;
import village.reporting.stats.StatsResponses.OverviewResponse;
import village.reporting.stats.StatsResponses.TownshipsResponse;
import village.reporting.stats.StatsResponses.VillagesResponse;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.Problems;

/**
 * The statistics responses as {@code /api/stats} answers them, for the endpoints and for whatever else reads the same
 * figures (the drafted report binds its numbers to these responses), and the caller checks every statistics call makes.
 */
@Component
public class StatsReader {
  static final int FIRST_YEAR = 1949;
  static final int LAST_YEAR = 2100;
  private final StatsConsumer consumer;
  private final DeadLetters deadLetters;

  StatsReader(StatsConsumer consumer, DeadLetters deadLetters) {
    this.consumer = consumer;
    this.deadLetters = deadLetters;
  }

  /** {@code GET /api/stats/overview?year=&township=} for a township already {@link #scope scoped}. */
  public OverviewResponse overview(String scope, Integer year) {
    return new OverviewResponse(header(), scope, year(year), queries().overview(scope, year));
  }

  /**
   * The overview as its JSON reads (objects as maps, whole numbers as longs, decimals as BigDecimal): what a drafted
   * report's slots are bound to by field path ({@code investment.bySource.FISCAL.committed}).
   */
  public Map<String, Object> overviewAsJson(String scope, Integer year) {
    return asJson(overview(scope, year));
  }

  /** {@code GET /api/stats/townships}: every township, or only the scoped one. */
  TownshipsResponse townships(String scope, Integer year) {
    List<TownshipFigures> rows = queries().townships(year(year));
    if (scope != null) rows = rows.stream().filter(r -> scope.equals(r.township())).toList();
    return new TownshipsResponse(header(), year, rows);
  }

  /** {@code GET /api/stats/villages}: the villages of the scoped township (or the county). */
  VillagesResponse villages(String scope, Integer year) {
    return new VillagesResponse(header(), year(year), queries().villages(scope, year));
  }

  /** The village rows alone (the export). */
  List<VillageFigures> villageRows(String scope, Integer year) {
    return queries().villages(scope, year(year));
  }

  private StatsQueries queries() {
    return new StatsQueries(consumer.model());
  }

  /** {@code asOf}, {@code lag}, {@code behind} when the statistics trail (see Freshness), rebuild and gaps. */
  StatsHeader header() {
    RebuildProgress rebuild = consumer.rebuildProgress();
    return new StatsHeader(consumer.freshnessHeader(), rebuild != null, rebuild,
        new StatsHeader.Gaps(consumer.heldEvents(), deadLetters.gapCount()));
  }

  private static final JsonMapper JSON = JsonMapper.builder().disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(DeserializationFeature.USE_LONG_FOR_INTS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  /** A response as its JSON reads, as maps and lists. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> asJson(Object response) {
    return JSON.convertValue(response, Map.class);
  }

  /**
   * The township a caller may see: COUNTY any (or all: null); a TOWNSHIP with a claim only its own. 403 for other roles,
   * a TOWNSHIP token without the claim, or another township; 400 for a blank name.
   */
  public static String scope(Caller caller, String township) {
    caller.requireAnyRole(Role.COUNTY, Role.TOWNSHIP);
    if (township != null && township.isBlank()) throw Problems.invalid("township", "must not be blank");
    if (caller.isCounty()) return township;
    if (caller.township() == null) throw Problems.forbidden("A TOWNSHIP token must carry a township claim.");
    if (township != null && !township.equals(caller.township())) {
      throw Problems.forbidden("A TOWNSHIP token for '" + caller.township() + "' reads only that township's statistics.");
    }
    return caller.township();
  }

  /** The year as given (null: none); 400 outside 1949..2100. */
  public static Integer year(Integer year) {
    if (year != null && (year < FIRST_YEAR || year > LAST_YEAR)) {
      throw Problems.invalid("year", "must be between " + FIRST_YEAR + " and " + LAST_YEAR);
    }
    return year;
  }
}
