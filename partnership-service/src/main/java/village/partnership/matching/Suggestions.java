package village.partnership.matching;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Suggestions computed on request from the record ({@link MatchingData}) with the townships' weights ({@link WeightsStore}). */
@Component
public class Suggestions {
  private final MatchingData data;
  private final WeightsStore weights;
  private final Clock clock;

  Suggestions(MatchingData data, WeightsStore weights, Clock clock) {
    this.data = data;
    this.weights = weights;
    this.clock = clock;
  }

  /** What a claim records: the organization's score for the need now (0 if it does not fit), the weights' version, the limit. */
  public record ClaimScore(int score, int weightsVersion, int claimLimit) {}

  public ClaimScore forClaim(String needId, String township, String organizationId) {
    Weights w = weights.of(township);
    MatchingData.Snapshot s = data.snapshot();
    Facts.Need need = s.openNeeds().get(needId);
    Facts.Organization org = s.organizations().get(organizationId);
    Scorer.Suggestion scored = need == null || org == null ? null : Scorer.score(need, org, w, clock.instant());
    return new ClaimScore(scored == null ? 0 : scored.score(), w.version(), w.claimLimit());
  }

  /** The claim limit in force in the township. */
  public int claimLimit(String township) {
    return weights.of(township).claimLimit();
  }

  /** Organizations for an OPEN need (null: the need is not among the open ones). */
  Scorer.Ranking forNeed(String needId, String township, int limit) {
    MatchingData.Snapshot s = data.snapshot();
    Facts.Need need = s.openNeeds().get(needId);
    if (need == null) return null;
    return Scorer.forNeed(need, s.organizations().values(), weights.of(township), clock.instant(), limit);
  }

  /** Open needs an organization could take (null: no such organization). */
  Scorer.Ranking forOrganization(String organizationId, int limit) {
    MatchingData.Snapshot s = data.snapshot();
    Facts.Organization org = s.organizations().get(organizationId);
    if (org == null) return null;
    Map<String, Weights> byTownship = new HashMap<>();
    return Scorer.forOrganization(org, s.openNeeds().values(), t -> byTownship.computeIfAbsent(t, weights::of), clock.instant(),
        limit);
  }
}
