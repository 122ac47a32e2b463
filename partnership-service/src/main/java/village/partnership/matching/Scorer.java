package village.partnership.matching;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Scores an (open need, organization) pair: the sum of the weights of the reasons that hold, each reason kept with the
 * points it added, so a clerk sees why. A pair is a candidate only if the organization fits the need at all (a
 * resource of the need's category, a pairing with the need's village, or needs of that category it resolved); hard
 * exclusions (the claim limit reached, released this need before) are kept apart from the score as "why not".
 * The same pair gets the same score from both sides ({@link #forNeed}, {@link #forOrganization}). Deterministic:
 * {@link #BY_SCORE_THEN_ORGANIZATION} and {@link #BY_SCORE_THEN_WAITING}. No Spring, no I/O.
 */
public final class Scorer {
  public static final String TIE_BREAK_ORGANIZATIONS = "score desc, then organizationId asc";
  public static final String TIE_BREAK_NEEDS = "score desc, then postedAt asc (open longest first), then needId asc";

  /** One reason and the points it added (negative for a penalty). */
  public record Reason(String code, String text, int weight) {}

  /** A scored pair; {@code resource}: the organization's resource of the need's category, if any. */
  public record Suggestion(Facts.Need need, Facts.Organization organization, Facts.Resource resource, int score,
      List<Reason> reasons, List<String> whyNot) {
    public boolean excluded() {
      return !whyNot.isEmpty();
    }
  }

  /** Candidates in rank order, and those kept out with why. */
  public record Ranking(List<Suggestion> ranked, List<Suggestion> excluded, int weightsVersion) {}

  static final Comparator<Suggestion> BY_SCORE_THEN_ORGANIZATION = Comparator.comparingInt(Suggestion::score).reversed()
      .thenComparing(s -> s.organization().id());
  static final Comparator<Suggestion> BY_SCORE_THEN_WAITING = Comparator.comparingInt(Suggestion::score).reversed()
      .thenComparing((Suggestion s) -> s.need().postedAt()).thenComparing(s -> s.need().id());

  private Scorer() {}

  /** Organizations for one need. */
  public static Ranking forNeed(Facts.Need need, Collection<Facts.Organization> organizations, Weights w, Instant now) {
    List<Suggestion> ranked = new ArrayList<>();
    List<Suggestion> excluded = new ArrayList<>();
    for (Facts.Organization o : organizations) {
      Suggestion s = score(need, o, w, now);
      if (s == null) continue;
      (s.excluded() ? excluded : ranked).add(s);
    }
    ranked.sort(BY_SCORE_THEN_ORGANIZATION);
    excluded.sort(Comparator.comparing(s -> s.organization().id()));
    return new Ranking(ranked, excluded, w.version());
  }

  /** Open needs for one organization, each scored with the weights of its own township. */
  public static Ranking forOrganization(Facts.Organization organization, Collection<Facts.Need> needs,
      Function<String, Weights> weightsOfTownship, Instant now) {
    List<Suggestion> ranked = new ArrayList<>();
    List<Suggestion> excluded = new ArrayList<>();
    for (Facts.Need n : needs) {
      Suggestion s = score(n, organization, weightsOfTownship.apply(n.township()), now);
      if (s == null) continue;
      (s.excluded() ? excluded : ranked).add(s);
    }
    ranked.sort(BY_SCORE_THEN_WAITING);
    excluded.sort(BY_SCORE_THEN_WAITING);
    return new Ranking(ranked, excluded, -1);
  }

  /** The pair's score and reasons; null when the organization does not fit the need at all. */
  public static Suggestion score(Facts.Need need, Facts.Organization o, Weights w, Instant now) {
    List<Reason> reasons = new ArrayList<>();
    String category = Categories.chinese(need.category());
    Facts.Resource resource = null;
    for (Facts.Resource r : o.resources()) {
      if (r.category().equals(need.category())) {
        resource = r;
        break;
      }
    }
    if (resource != null) {
      reasons.add(new Reason("CATEGORY_MATCH", "需求与资源同属\"" + category + "\"（资源：" + resource.title() + "）", w.categoryMatch()));
    }
    LocalDate since = o.pairedVillages().get(need.villageCode());
    if (since != null) reasons.add(new Reason("PAIRED_WITH_VILLAGE", "已与本村结对（自" + since + "起）", w.pairedWithVillage()));
    int resolved = o.resolvedByCategory().getOrDefault(need.category(), 0);
    boolean fits = resource != null || since != null || resolved > 0;
    if (!fits) return null;
    int elsewhere = o.pairingsByTownship().getOrDefault(need.township(), 0) - (since != null ? 1 : 0);
    if (elsewhere > 0) {
      reasons.add(new Reason("PAIRED_IN_TOWNSHIP", "在本镇另有" + elsewhere + "个结对村", w.pairedInTownship()));
    }
    if (resolved > 0) {
      int counted = Math.min(resolved, w.resolvedCountedUpTo());
      reasons.add(new Reason("RESOLVED_IN_CATEGORY", "已帮助解决\"" + category + "\"类需求" + resolved + "个"
          + (counted < resolved ? "（按" + counted + "个计分）" : ""), w.perResolvedInCategory() * counted));
    }
    if (o.openClaims() > 0) {
      reasons.add(new Reason("OPEN_CLAIMS", "已认领" + o.openClaims() + "项需求尚未完成", w.perOpenClaim() * o.openClaims()));
    }
    if (!need.villageHasPairing()) {
      reasons.add(new Reason("VILLAGE_WITHOUT_PAIRING", "本村尚无结对单位，优先覆盖", w.villageWithoutPairing()));
    }
    long days = Math.max(0, Duration.between(need.postedAt(), now).toDays());
    int months = (int) Math.min(days / 30, w.waitingCountedUpToMonths());
    if (months > 0) {
      reasons.add(new Reason("WAITING", "需求已等待" + days + "天", w.perMonthWaiting() * months));
    }
    int score = 0;
    for (Reason r : reasons) score += r.weight();
    List<String> whyNot = new ArrayList<>();
    if (o.openClaims() >= w.claimLimit()) {
      whyNot.add("已认领" + o.openClaims() + "项需求尚未完成，达到上限（" + w.claimLimit() + "项）");
    }
    if (need.releasedBy().contains(o.id())) whyNot.add("曾认领此需求后放弃");
    return new Suggestion(need, o, resource, score, List.copyOf(reasons), List.copyOf(whyNot));
  }
}
