package village.partnership.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScorerTest {
  static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
  static final Weights W = Weights.DEFAULTS;
  static final Facts.Need NEED = need("need-1", "CG001", "INDUSTRY", 1, true, Set.of());

  static Facts.Need need(String id, String village, String category, int daysOpen, boolean villageHasPairing, Set<String> releasedBy) {
    return new Facts.Need(id, village, "城关镇", category, "需求" + id, NOW.minus(Duration.ofDays(daysOpen)), releasedBy, villageHasPairing);
  }

  /** An organization: {@code resources} categories, paired villages (all in 城关镇), resolved INDUSTRY needs, open claims. */
  static Facts.Organization org(String id, List<String> resources, List<String> pairedWith, int resolvedIndustry, int openClaims) {
    List<Facts.Resource> rs = new ArrayList<>();
    for (int i = 0; i < resources.size(); i++) rs.add(new Facts.Resource(id + "-r" + i, resources.get(i), "资源" + i));
    Map<String, LocalDate> paired = new java.util.HashMap<>();
    pairedWith.forEach(v -> paired.put(v, LocalDate.of(2023, 1, 1)));
    return new Facts.Organization(id, "单位" + id, rs, paired, pairedWith.isEmpty() ? Map.of() : Map.of("城关镇", pairedWith.size()),
        resolvedIndustry == 0 ? Map.of() : Map.of("INDUSTRY", resolvedIndustry), openClaims);
  }

  static final Facts.Organization PAIRED_WITH_RESOURCE = org("A", List.of("TALENT", "INDUSTRY"), List.of("CG001"), 0, 0);
  static final Facts.Organization UNPAIRED_WITH_RESOURCE = org("B", List.of("INDUSTRY"), List.of(), 0, 0);
  static final Facts.Organization WITHOUT_RESOURCE = org("C", List.of("TALENT"), List.of(), 0, 0);
  static final Facts.Organization PAIRED_WITHOUT_RESOURCE = org("D", List.of("TALENT"), List.of("CG001"), 0, 0);
  static final Facts.Organization AT_THE_LIMIT = org("E", List.of("INDUSTRY"), List.of("CG001"), 0, 5);
  static final Facts.Organization BUSY = org("F", List.of("INDUSTRY"), List.of(), 0, 3);
  static final Facts.Organization EXPERIENCED = org("G", List.of(), List.of(), 2, 0);
  static final Facts.Organization ALSO_UNPAIRED_WITH_RESOURCE = org("A2", List.of("INDUSTRY"), List.of(), 0, 0);
  static final Facts.Organization PAIRED_ELSEWHERE_WITH_RESOURCE = org("H", List.of("INDUSTRY"), List.of("CG002", "CG003"), 0, 0);

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("paired with the resource > unpaired with it > one without it (absent)",
            List.of(WITHOUT_RESOURCE, UNPAIRED_WITH_RESOURCE, PAIRED_WITH_RESOURCE), List.of("A", "B"), List.of()),
        Arguments.of("the right resource outweighs a pairing without it",
            List.of(PAIRED_WITHOUT_RESOURCE, UNPAIRED_WITH_RESOURCE), List.of("B", "D"), List.of()),
        Arguments.of("an organization drowning in open claims drops below one without the resource",
            List.of(BUSY, PAIRED_WITHOUT_RESOURCE, UNPAIRED_WITH_RESOURCE), List.of("B", "D", "F"), List.of()),
        Arguments.of("at the claim limit it is excluded, however well it fits",
            List.of(AT_THE_LIMIT, UNPAIRED_WITH_RESOURCE), List.of("B"), List.of("E")),
        Arguments.of("needs of the category it resolved make it a candidate",
            List.of(EXPERIENCED, WITHOUT_RESOURCE), List.of("G"), List.of()),
        Arguments.of("pairings elsewhere in the township count", List.of(UNPAIRED_WITH_RESOURCE, PAIRED_ELSEWHERE_WITH_RESOURCE),
            List.of("H", "B"), List.of()),
        Arguments.of("equal scores: organization id ascending", List.of(UNPAIRED_WITH_RESOURCE, ALSO_UNPAIRED_WITH_RESOURCE),
            List.of("A2", "B"), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void ranksOrganizationsForANeed(String name, List<Facts.Organization> orgs, List<String> ranked, List<String> excluded) {
    Scorer.Ranking r = Scorer.forNeed(NEED, orgs, W, NOW);
    assertThat(r.ranked()).extracting(s -> s.organization().id()).containsExactlyElementsOf(ranked);
    assertThat(r.excluded()).extracting(s -> s.organization().id()).containsExactlyElementsOf(excluded);
    List<Facts.Organization> reversed = new ArrayList<>(orgs);
    Collections.reverse(reversed);
    assertThat(Scorer.forNeed(NEED, reversed, W, NOW)).isEqualTo(r);
  }

  @Test
  void eachReasonSaysWhatItAddedInWordsAClerkReads() {
    Scorer.Suggestion a = Scorer.score(NEED, PAIRED_WITH_RESOURCE, W, NOW);
    assertThat(a.resource().id()).isEqualTo("A-r1");
    assertThat(a.reasons()).extracting(Scorer.Reason::text, Scorer.Reason::weight).containsExactly(
        org.assertj.core.groups.Tuple.tuple("需求与资源同属\"产业\"（资源：资源1）", 40),
        org.assertj.core.groups.Tuple.tuple("已与本村结对（自2023-01-01起）", 30));
    assertThat(a.score()).isEqualTo(70);

    Scorer.Suggestion f = Scorer.score(NEED, BUSY, W, NOW);
    assertThat(f.reasons()).extracting(Scorer.Reason::text).contains("已认领3项需求尚未完成");
    assertThat(f.score()).isEqualTo(40 - 24);

    Scorer.Suggestion e = Scorer.score(NEED, AT_THE_LIMIT, W, NOW);
    assertThat(e.whyNot()).containsExactly("已认领5项需求尚未完成，达到上限（5项）");

    Scorer.Suggestion g = Scorer.score(NEED, org("G", List.of(), List.of(), 9, 0), W, NOW);
    assertThat(g.reasons()).extracting(Scorer.Reason::text, Scorer.Reason::weight)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("已帮助解决\"产业\"类需求9个（按4个计分）", 20));
    assertThat(Scorer.score(NEED, WITHOUT_RESOURCE, W, NOW)).isNull();
  }

  @Test
  void anOrganizationThatReleasedTheNeedIsExcludedFromItOnly() {
    Facts.Need released = need("need-2", "CG001", "INDUSTRY", 1, true, Set.of("B"));
    Scorer.Ranking r = Scorer.forNeed(released, List.of(UNPAIRED_WITH_RESOURCE, PAIRED_WITH_RESOURCE), W, NOW);
    assertThat(r.ranked()).extracting(s -> s.organization().id()).containsExactly("A");
    assertThat(r.excluded()).singleElement().satisfies(s -> assertThat(s.whyNot()).containsExactly("曾认领此需求后放弃"));
  }

  @Test
  void villagesWithoutPairingAndNeedsOpenLongestComeFirstForAnOrganization() {
    Facts.Need plain = need("n-plain", "CG001", "INDUSTRY", 1, true, Set.of());
    Facts.Need uncovered = need("n-uncovered", "CG009", "INDUSTRY", 1, false, Set.of());
    Facts.Need waiting = need("n-waiting", "CG010", "INDUSTRY", 95, true, Set.of());
    Facts.Need waitingLonger = need("n-waiting-longer", "CG011", "INDUSTRY", 119, true, Set.of()); // same 3 months counted
    Facts.Need other = need("n-other", "CG012", "FUNDING", 400, false, Set.of());
    Scorer.Ranking r = Scorer.forOrganization(UNPAIRED_WITH_RESOURCE, List.of(plain, waiting, other, uncovered, waitingLonger),
        t -> W, NOW);
    assertThat(r.ranked()).extracting(s -> s.need().id())
        .containsExactly("n-uncovered", "n-waiting-longer", "n-waiting", "n-plain");
    Scorer.Suggestion u = r.ranked().get(0);
    assertThat(u.reasons()).extracting(Scorer.Reason::text).contains("本村尚无结对单位，优先覆盖");
    assertThat(u.score()).isEqualTo(40 + 15);
    assertThat(r.ranked().get(1).reasons()).extracting(Scorer.Reason::text, Scorer.Reason::weight)
        .contains(org.assertj.core.groups.Tuple.tuple("需求已等待119天", 6));
  }

  @Test
  void theTownshipsWeightsDecide() {
    Weights pairingFirst = new Weights(3, 10, 50, 0, 0, 0, 0, 0, 0, 0, 5);
    Scorer.Ranking r = Scorer.forNeed(NEED, List.of(UNPAIRED_WITH_RESOURCE, PAIRED_WITHOUT_RESOURCE), pairingFirst, NOW);
    assertThat(r.ranked()).extracting(s -> s.organization().id()).containsExactly("D", "B");
    assertThat(r.weightsVersion()).isEqualTo(3);
    Weights limitTwo = new Weights(4, 40, 30, 10, 5, 4, -8, 15, 2, 6, 2);
    assertThat(Scorer.forNeed(NEED, List.of(BUSY), limitTwo, NOW).excluded()).hasSize(1);
  }

  @Test
  void theFirstFewAreTheHeadOfTheWholeRankingWithTheirReasons() {
    List<Facts.Organization> all = List.of(WITHOUT_RESOURCE, UNPAIRED_WITH_RESOURCE, PAIRED_WITH_RESOURCE, BUSY, AT_THE_LIMIT,
        PAIRED_WITHOUT_RESOURCE, EXPERIENCED, ALSO_UNPAIRED_WITH_RESOURCE, PAIRED_ELSEWHERE_WITH_RESOURCE);
    Scorer.Ranking whole = Scorer.forNeed(NEED, all, W, NOW);
    Scorer.Ranking head = Scorer.forNeed(NEED, all, W, NOW, 3);
    assertThat(head.total()).isEqualTo(whole.total()).isEqualTo(whole.ranked().size()).isEqualTo(7);
    assertThat(head.ranked()).isEqualTo(whole.ranked().subList(0, 3));
    assertThat(head.ranked()).allSatisfy(x -> assertThat(x.reasons().stream().mapToInt(Scorer.Reason::weight).sum()).isEqualTo(x.score()));
    assertThat(head.excluded()).isEqualTo(whole.excluded());
  }

  @Test
  void weightsOutOfRangeAreNamed() {
    assertThat(W.problems()).isEmpty();
    assertThat(new Weights(0, 101, 0, 0, 0, 0, -101, 0, 0, 25, 0).problems()).extracting(p -> p[0])
        .containsExactly("categoryMatch", "perOpenClaim", "waitingCountedUpToMonths", "claimLimit");
  }
}
