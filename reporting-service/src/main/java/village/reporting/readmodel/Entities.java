package village.reporting.readmodel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import village.events.vocabulary.FundSource;
import village.events.vocabulary.Industry;
import village.events.vocabulary.OrganizationType;
import village.events.vocabulary.ProjectStatus;
import village.events.vocabulary.ScaleUnit;

/**
 * What the read model keeps of each source aggregate (one record per aggregate, keyed {@code kind:id}), and what
 * each contributes to the {@link Totals}. {@code contribute(t, +1)} adds it, {@code -1} takes it away again.
 */
final class Entities {
  private Entities() {}

  /** Marker for the records. */
  sealed interface Entity permits VillageEntry, Partnership, Need, Project, Fund, Income, Other {
    void contribute(Totals t, int sign);
  }

  /** A key for money not tied to a village: the township's own bucket. */
  static String noVillage(String township) {
    return "~" + (township == null ? "" : township);
  }

  record VillageEntry(String code, String name, String kind, String township) implements Entity {
    @Override public void contribute(Totals t, int sign) {
      // registration itself is counted from the register map; the village's township is set when it is applied
    }
  }

  /** {@code organizationType}: null when the event had none (counted as active, under no type). */
  record Partnership(String villageCode, String township, OrganizationType organizationType, boolean active) implements Entity {
    @Override public void contribute(Totals t, int sign) {
      if (!active || villageCode == null) return;
      Totals.Village v = t.village(villageCode);
      v.activePartnerships += sign;
      if (organizationType != null) v.activeByType[organizationType.ordinal()] += sign;
    }
  }

  /** {@code claimed}: an organization took the (not yet resolved) need on; it still counts as open. */
  record Need(String villageCode, String township, boolean resolved, boolean claimed) implements Entity {
    @Override public void contribute(Totals t, int sign) {
      if (villageCode == null) return;
      Totals.Village v = t.village(villageCode);
      if (resolved) {
        v.needsResolved += sign;
      } else {
        v.needsOpen += sign;
        if (claimed) v.needsClaimed += sign;
      }
    }
  }

  /** {@code township}: of the first village, once known (null until then). Quantity in thousandths of the unit. */
  record Project(List<String> villageCodes, Industry industry, ProjectStatus status, long scaleMilli, ScaleUnit unit, String township)
      implements Entity {
    boolean counts() {
      return status != null && status != ProjectStatus.CANCELLED;
    }

    Project withStatus(ProjectStatus s) {
      return new Project(villageCodes, industry, s, scaleMilli, unit, township);
    }

    Project withTownship(String t) {
      return new Project(villageCodes, industry, status, scaleMilli, unit, t);
    }

    @Override public void contribute(Totals t, int sign) {
      Totals.Projects p = t.projects(township);
      if (status != null) p.byStatus[status.ordinal()] += sign;
      if (!counts()) return;
      p.total += sign;
      p.byIndustry[industry.ordinal()] += sign;
      if (unit != null) p.scaleMilli.merge(new Totals.Scale(industry, unit), sign * scaleMilli, Long::sum);
      for (String code : villageCodes) t.village(code).projects += sign;
    }
  }

  record Disbursement(long fen, int year, boolean reversed) {}

  /** {@code disbursements} by id, in order; {@code source} null while only disbursements are known (nothing counted). */
  record Fund(FundSource source, String villageCode, String township, long committedFen, int committedYear,
      Map<String, Disbursement> disbursements) implements Entity {
    Fund {
      disbursements = new LinkedHashMap<>(disbursements);
    }

    String bucket() {
      return villageCode != null ? villageCode : noVillage(township);
    }

    @Override public void contribute(Totals t, int sign) {
      FundSource s = source;
      if (s == null) return;
      Totals.Village v = t.village(bucket());
      if (v.township == null && township != null) v.township = township;
      if (committedFen != 0) {
        v.allTime.commit(s, sign * committedFen);
        v.year(committedYear).commit(s, sign * committedFen);
      }
      for (Disbursement d : disbursements.values()) {
        if (d.reversed()) continue;
        v.allTime.disburse(s, sign * d.fen());
        v.year(d.year()).disburse(s, sign * d.fen());
      }
    }
  }

  record Income(String villageCode, String township, int year, long fen) implements Entity {
    @Override public void contribute(Totals t, int sign) {
      Totals.Village v = t.village(villageCode);
      if (sign > 0) v.incomeFen.put(year, fen); else v.incomeFen.remove(year);
    }
  }

  /** An aggregate the statistics do not count (organizations, resources): only its sequence is kept. */
  record Other() implements Entity {
    @Override public void contribute(Totals t, int sign) {}
  }
}
