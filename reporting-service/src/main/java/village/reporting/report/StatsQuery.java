package village.reporting.report;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A statistics query a slot is bound to: {@code /api/stats/overview} with its {@code year} and {@code township}, written
 * as the URL path a client GETs (percent-encoded) and parsed back from it for verification. Only the overview is a source
 * of report figures; anything else is refused.
 */
public record StatsQuery(Integer year, String township) {
  public static final String OVERVIEW = "/api/stats/overview";

  /** Thrown for a query that is not an overview query of this form. */
  public static final class BadQuery extends IllegalArgumentException {
    BadQuery(String detail) {
      super(detail);
    }
  }

  /** The path and parameters, percent-encoded: {@code /api/stats/overview?year=2023&township=%E5%9F%8E…}. */
  public String url() {
    return build(true);
  }

  /** The same, decoded, for a reader: {@code /api/stats/overview?year=2023&township=城关镇}. */
  public String readable() {
    return build(false);
  }

  private String build(boolean encode) {
    StringBuilder sb = new StringBuilder(OVERVIEW);
    if (year != null) sb.append("?year=").append(year);
    if (township != null) {
      sb.append(year == null ? '?' : '&').append("township=")
          .append(encode ? URLEncoder.encode(township, StandardCharsets.UTF_8).replace("+", "%20") : township);
    }
    return sb.toString();
  }

  /** Parses {@link #url()} (also its decoded form); refuses other paths, unknown or repeated parameters, bad years. */
  public static StatsQuery parse(String url) {
    if (url == null || url.isBlank() || url.length() > 1000) throw new BadQuery("query must be a /api/stats/overview URL path");
    int q = url.indexOf('?');
    String path = q < 0 ? url : url.substring(0, q);
    if (!path.equals(OVERVIEW)) throw new BadQuery("query must be a " + OVERVIEW + " path, not " + path);
    Integer year = null;
    String township = null;
    if (q >= 0 && q < url.length() - 1) {
      for (String pair : url.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value;
        try {
          value = URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw new BadQuery("bad percent-encoding in " + name);
        }
        switch (name) {
          case "year" -> {
            if (year != null) throw new BadQuery("year given twice");
            try {
              year = Integer.valueOf(value);
            } catch (NumberFormatException e) {
              throw new BadQuery("year must be a number");
            }
          }
          case "township" -> {
            if (township != null) throw new BadQuery("township given twice");
            if (value.isBlank()) throw new BadQuery("township must not be blank");
            township = value;
          }
          default -> throw new BadQuery("unknown parameter " + name);
        }
      }
    }
    return new StatsQuery(year, township);
  }
}
