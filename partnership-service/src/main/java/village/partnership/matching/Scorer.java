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

  /**
   * The first candidates in rank order (at most the limit asked for), how many there are in all, and those kept out
   * with why (at most the limit too).
   */
  public record Ranking(List<Suggestion> ranked, int total, List<Suggestion> excluded, int weightsVersion) {}

  static final Comparator<Suggestion> BY_SCORE_THEN_ORGANIZATION = Comparator.comparingInt(Suggestion::score).reversed()
      .thenComparing(s -> s.organization().id());
  static final Comparator<Suggestion> BY_SCORE_THEN_WAITING = Comparator.comparingInt(Suggestion::score).reversed()
      .thenComparing((Suggestion s) -> s.need().postedAt()).thenComparing(s -> s.need().id());

  private Scorer() {}

  /** Organizations for one need, every candidate. */
  public static Ranking forNeed(Facts.Need need, Collection<Facts.Organization> organizations, Weights w, Instant now) {
    return forNeed(need, organizations, w, now, Integer.MAX_VALUE);
  }

  /** Organizations for one need: the first {@code limit} candidates and exclusions, with their reasons. */
  public static Ranking forNeed(Facts.Need need, Collection<Facts.Organization> organizations, Weights w, Instant now, int limit) {
    List<Suggestion> ranked = new ArrayList<>();
    List<Suggestion> excluded = new ArrayList<>();
    for (Facts.Organization o : organizations) {
      Suggestion s = score(need, o, w, now, false);
      if (s == null) continue;
      (s.excluded() ? excluded : ranked).add(s);
    }
    ranked.sort(BY_SCORE_THEN_ORGANIZATION);
    excluded.sort(Comparator.comparing(s -> s.organization().id()));
    return new Ranking(explained(ranked, limit, w, now), ranked.size(), explained(excluded, limit, w, now), w.version());
  }

  /** Open needs for one organization, each scored with the weights of its own township; every candidate. */
  public static Ranking forOrganization(Facts.Organization organization, Collection<Facts.Need> needs,
      Function<String, Weights> weightsOfTownship, Instant now) {
    return forOrganization(organization, needs, weightsOfTownship, now, Integer.MAX_VALUE);
  }

  /** Open needs for one organization: the first {@code limit} candidates and exclusions, with their reasons. */
  public static Ranking forOrganization(Facts.Organization organization, Collection<Facts.Need> needs,
      Function<String, Weights> weightsOfTownship, Instant now, int limit) {
    List<Suggestion> ranked = new ArrayList<>();
    List<Suggestion> excluded = new ArrayList<>();
    for (Facts.Need n : needs) {
      Suggestion s = score(n, organization, weightsOfTownship.apply(n.township()), now, false);
      if (s == null) continue;
      (s.excluded() ? excluded : ranked).add(s);
    }
    ranked.sort(BY_SCORE_THEN_WAITING);
    excluded.sort(BY_SCORE_THEN_WAITING);
    return new Ranking(explained(ranked, limit, weightsOfTownship, now), ranked.size(),
        explained(excluded, limit, weightsOfTownship, now), -1);
  }

  /** The first {@code limit} of {@code sorted}, scored again with their reasons in words (the same score: one rule set). */
  private static List<Suggestion> explained(List<Suggestion> sorted, int limit, Function<String, Weights> weights, Instant now) {
    List<Suggestion> out = new ArrayList<>(Math.min(limit, sorted.size()));
    for (Suggestion s : sorted) {
      if (out.size() >= limit) break;
      out.add(score(s.need(), s.organization(), weights.apply(s.need().township()), now, true));
    }
    return out;
  }

  private static List<Suggestion> explained(List<Suggestion> sorted, int limit, Weights w, Instant now) {
    return explained(sorted, limit, t -> w, now);
  }

  /** The pair's score and reasons; null when the organization does not fit the need at all. */
  public static Suggestion score(Facts.Need need, Facts.Organization o, Weights w, Instant now) {
    return score(need, o, w, now, true);
  }

  /**
   * The one rule set. Without {@code explain} only the points and the exclusions are worked out (no words), to rank a
   * county's candidates cheaply; with it every reason is kept with its text. Both give the same score.
   */
  private static Suggestion score(Facts.Need need, Facts.Organization o, Weights w, Instant now, boolean explain) {
    Reasons reasons = new Reasons(explain);
    Facts.Resource resource = null;
    for (Facts.Resource r : o.resources()) {
      if (r.category().equals(need.category())) {
        resource = r;
        break;
      }
    }
    LocalDate since = o.pairedVillages().get(need.villageCode());
    int resolved = o.resolvedByCategory().getOrDefault(need.category(), 0);
    if (resource == null && since == null && resolved == 0) return null;
    String category = explain ? Categories.chinese(need.category()) : null;
    if (resource != null) {
      Facts.Resource r = resource;
      reasons.add("CATEGORY_MATCH", () -> "需求与资源同属\"" + category + "\"（资源：" + r.title() + "）", w.categoryMatch());
    }
    if (since != null) reasons.add("PAIRED_WITH_VILLAGE", () -> "已与本村结对（自" + since + "起）", w.pairedWithVillage());
    int elsewhere = o.pairingsByTownship().getOrDefault(need.township(), 0) - (since != null ? 1 : 0);
    if (elsewhere > 0) reasons.add("PAIRED_IN_TOWNSHIP", () -> "在本镇另有" + elsewhere + "个结对村", w.pairedInTownship());
    if (resolved > 0) {
      int counted = Math.min(resolved, w.resolvedCountedUpTo());
      reasons.add("RESOLVED_IN_CATEGORY", () -> "已帮助解决\"" + category + "\"类需求" + resolved + "个"
          + (counted < resolved ? "（按" + counted + "个计分）" : ""), w.perResolvedInCategory() * counted);
    }
    int claims = o.openClaims();
    if (claims > 0) reasons.add("OPEN_CLAIMS", () -> "已认领" + claims + "项需求尚未完成", w.perOpenClaim() * claims);
    if (!need.villageHasPairing()) reasons.add("VILLAGE_WITHOUT_PAIRING", () -> "本村尚无结对单位，优先覆盖", w.villageWithoutPairing());
    long days = Math.max(0, Duration.between(need.postedAt(), now).toDays());
    int months = (int) Math.min(days / 30, w.waitingCountedUpToMonths());
    if (months > 0) reasons.add("WAITING", () -> "需求已等待" + days + "天", w.perMonthWaiting() * months);
    List<String> whyNot = List.of();
    boolean atLimit = claims >= w.claimLimit();
    boolean released = need.releasedBy().contains(o.id());
    if (atLimit || released) {
      List<String> why = new ArrayList<>(2);
      if (atLimit) why.add("已认领" + claims + "项需求尚未完成，达到上限（" + w.claimLimit() + "项）");
      if (released) why.add("曾认领此需求后放弃");
      whyNot = List.copyOf(why);
    }
    return new Suggestion(need, o, resource, reasons.score, reasons.list(), whyNot);
  }

  /** The reasons of one pair, as points only or with their words. */
  private static final class Reasons {
    final boolean explain;
    final List<Reason> list = new ArrayList<>();
    int score;

    Reasons(boolean explain) {
      this.explain = explain;
    }

    void add(String code, java.util.function.Supplier<String> text, int weight) {
      score += weight;
      if (explain) list.add(new Reason(code, text.get(), weight));
    }

    List<Reason> list() {
      return explain ? List.copyOf(list) : List.of();
    }
  }
}
