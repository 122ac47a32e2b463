package village.reporting.readmodel;

import java.util.List;
import java.util.Map;
import village.reporting.stats.StatsReader;

/** The {@link StatsQueries} answers as their JSON reads (maps, lists, longs, decimals): what a client sees. */
public final class QueriesAsJson {
  private QueriesAsJson() {}

  public static Map<String, Object> overview(Projection m, String township, Integer year) {
    return StatsReader.asJson(new StatsQueries(m).overview(township, year));
  }

  public static List<Object> villages(Projection m, String township, Integer year) {
    return items(new StatsQueries(m).villages(township, year));
  }

  public static List<Object> townships(Projection m, Integer year) {
    return items(new StatsQueries(m).townships(year));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> items(List<?> rows) {
    return (List<Object>) StatsReader.asJson(Map.of("items", rows)).get("items");
  }
}
