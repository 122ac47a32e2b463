package village.reporting.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import village.reporting.consumer.DeadLetters;
import village.reporting.consumer.RebuildProgress;
import village.reporting.consumer.StatsConsumer;
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
  public Map<String, Object> overview(String scope, Integer year) {
    Map<String, Object> out = header();
    if (scope != null) out.put("township", scope);
    if (year(year) != null) out.put("year", year);
    out.putAll(consumer.model().overview(scope, year));
    return out;
  }

  /** {@code asOf}, {@code lag}, {@code behind} when the statistics trail (see Freshness), rebuild and gaps. */
  Map<String, Object> header() {
    Map<String, Object> out = new LinkedHashMap<>(consumer.freshnessHeader());
    RebuildProgress rebuild = consumer.rebuildProgress();
    out.put("rebuilding", rebuild != null);
    if (rebuild != null) out.put("rebuild", rebuild.toMap());
    out.put("gaps", Map.of("held", consumer.heldEvents(), "deadLettered", deadLetters.gapCount()));
    return out;
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
