package village.partnership.matching;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each reason adds to a suggestion's score, set by a township (versioned; version 0 = these defaults). Weights
 * are whole points, signed: {@code perOpenClaim} is a penalty. {@code claimLimit}: open claims an organization may
 * hold at most (a hard exclusion, and the claim is refused beyond it).
 */
public record Weights(int version, int categoryMatch, int pairedWithVillage, int pairedInTownship, int perResolvedInCategory,
    int resolvedCountedUpTo, int perOpenClaim, int villageWithoutPairing, int perMonthWaiting, int waitingCountedUpToMonths,
    int claimLimit) {
  public static final Weights DEFAULTS = new Weights(0, 40, 30, 10, 5, 4, -8, 15, 2, 6, 5);
  public static final int MAX_WEIGHT = 100;
  public static final int MAX_COUNTED = 24;
  public static final int MAX_CLAIM_LIMIT = 20;

  public Weights withVersion(int v) {
    return new Weights(v, categoryMatch, pairedWithVillage, pairedInTownship, perResolvedInCategory, resolvedCountedUpTo,
        perOpenClaim, villageWithoutPairing, perMonthWaiting, waitingCountedUpToMonths, claimLimit);
  }

  /** The weights by name, in declaration order, without the version (what is stored, shown and kept in the history). */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("categoryMatch", categoryMatch);
    m.put("pairedWithVillage", pairedWithVillage);
    m.put("pairedInTownship", pairedInTownship);
    m.put("perResolvedInCategory", perResolvedInCategory);
    m.put("resolvedCountedUpTo", resolvedCountedUpTo);
    m.put("perOpenClaim", perOpenClaim);
    m.put("villageWithoutPairing", villageWithoutPairing);
    m.put("perMonthWaiting", perMonthWaiting);
    m.put("waitingCountedUpToMonths", waitingCountedUpToMonths);
    m.put("claimLimit", claimLimit);
    return m;
  }

  /** What is wrong with these weights, field by field (empty when they are fine). */
  public List<String[]> problems() {
    List<String[]> out = new ArrayList<>();
    weight(out, "categoryMatch", categoryMatch);
    weight(out, "pairedWithVillage", pairedWithVillage);
    weight(out, "pairedInTownship", pairedInTownship);
    weight(out, "perResolvedInCategory", perResolvedInCategory);
    weight(out, "perOpenClaim", perOpenClaim);
    weight(out, "villageWithoutPairing", villageWithoutPairing);
    weight(out, "perMonthWaiting", perMonthWaiting);
    range(out, "resolvedCountedUpTo", resolvedCountedUpTo, 0, MAX_COUNTED);
    range(out, "waitingCountedUpToMonths", waitingCountedUpToMonths, 0, MAX_COUNTED);
    range(out, "claimLimit", claimLimit, 1, MAX_CLAIM_LIMIT);
    return out;
  }

  private static void weight(List<String[]> out, String field, int v) {
    range(out, field, v, -MAX_WEIGHT, MAX_WEIGHT);
  }

  private static void range(List<String[]> out, String field, int v, int min, int max) {
    if (v < min || v > max) out.add(new String[] {field, "must be from " + min + " to " + max});
  }
}
