package village.partnership.needs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import village.events.partnership.NeedClaimed;
import village.events.partnership.NeedReleased;
import village.events.partnership.NeedResolved;
import village.partnership.partnerships.Partnership;
import village.support.aggregate.Change;
import village.support.web.ProblemException;

class NeedTest {
  static final Instant AT = Instant.parse("2026-12-03T08:00:00Z");
  static final Partnership P = partnership("ptn-1", "org-A", "CG001", Partnership.ACTIVE, LocalDate.of(2023, 1, 1));

  static Need open() {
    return new Need("need-1", "CG001", "城关镇", "INDUSTRY", "红薯深加工", null, AT.minusSeconds(86400), null, "fp");
  }

  static Partnership partnership(String id, String org, String village, String status, LocalDate start) {
    return new Partnership(id, org, "ENTERPRISE", village, "城关镇", status, start, null, null, List.of(), null, 1, AT, "fp");
  }

  @Test
  void anOpenNeedIsClaimedWithTheSuggestionItsClaimRecords() {
    Change<Need> m = open().claim("org-A", 85, 2, AT, "clerk");
    assertThat(m.after().status()).isEqualTo(Need.CLAIMED);
    assertThat(m.after().version()).isEqualTo(2);
    assertThat(m.after().claim()).isEqualTo(new Need.Claim("org-A", AT, "clerk", 85, 2));
    assertThat(m.event()).isEqualTo(new NeedClaimed("need-1", "CG001", "城关镇", "INDUSTRY", "org-A", 85, 2));
    assertThat(m.action()).isEqualTo("CLAIMED");
    assertThat(m.details()).containsEntry("organizationId", "org-A").containsEntry("suggestionScore", 85)
        .containsEntry("weightsVersion", 2);
  }

  @Test
  void aClaimedNeedIsNotClaimedAgainNorReleasedWhenOpen() {
    Need claimed = open().claim("org-A", 85, 0, AT, "clerk").after();
    assertConflict(() -> claimed.claim("org-B", 10, 0, AT, "clerk"), "need-claimed");
    assertConflict(() -> open().release("x"), "need-not-claimed");
  }

  @Test
  void releasingOpensTheNeedAgainAndRemembersWhoGaveItUp() {
    Need claimed = open().claim("org-A", 85, 0, AT, "clerk").after();
    Change<Need> m = claimed.release("人手不足");
    assertThat(m.after().status()).isEqualTo(Need.OPEN);
    assertThat(m.after().claim()).isNull();
    assertThat(m.after().releasedBy()).containsExactly("org-A");
    assertThat(m.after().version()).isEqualTo(3);
    assertThat(m.event()).isEqualTo(new NeedReleased("need-1", "CG001", "org-A", "人手不足"));
    Need again = m.after().claim("org-A", 50, 0, AT, "clerk").after().release(null).after();
    assertThat(again.releasedBy()).containsExactly("org-A");
  }

  @Test
  void aClaimedNeedIsResolvedThroughAnyActivePairingWithItsVillage() {
    Need claimed = open().claim("org-A", 85, 0, AT, "clerk").after();
    Change<Need> m = claimed.resolve(P, LocalDate.of(2023, 6, 1), "已建成");
    assertThat(m.after().status()).isEqualTo(Need.RESOLVED);
    assertThat(m.after().claim().organizationId()).isEqualTo("org-A");
    assertThat(m.event()).isEqualTo(new NeedResolved("need-1", "CG001", "ptn-1", LocalDate.of(2023, 6, 1)));
    assertThat(m.details()).containsEntry("claimedBy", "org-A").containsEntry("partnershipId", "ptn-1");
    assertThat(open().resolve(P, LocalDate.of(2023, 6, 1), null).details()).doesNotContainKey("claimedBy");

    Need resolved = m.after();
    assertConflict(() -> resolved.resolve(P, LocalDate.of(2023, 6, 2), null), "need-resolved");
    assertConflict(() -> resolved.claim("org-B", 0, 0, AT, "clerk"), "need-resolved");
    assertConflict(() -> resolved.release(null), "need-not-claimed");
  }

  @Test
  void theResolvingPairingMustBeActiveWithTheVillageAndStartedBefore() {
    assertProblem(() -> open().resolve(partnership("p2", "org-A", "CG002", Partnership.ACTIVE, null), LocalDate.of(2023, 6, 1), null), 422);
    assertProblem(() -> open().resolve(partnership("p3", "org-A", "CG001", Partnership.ENDED, null), LocalDate.of(2023, 6, 1), null), 422);
    assertProblem(() -> open().resolve(P, LocalDate.of(2022, 12, 31), null), 400);
  }

  @Test
  void aKeyedChangeIsRememberedSoThatItsReplayIsRecognised() {
    Need.RequestKey key = new Need.RequestKey("k1", "fp-body");
    Need claimed = open().claim("org-A", 85, 0, AT, "clerk").map(n -> n.remembering(key)).after();
    assertThat(claimed.hasApplied(key)).isTrue();
    assertThat(claimed.hasApplied(new Need.RequestKey("k2", "fp-body"))).isFalse();
    assertThat(open().hasApplied(null)).isFalse();
    assertProblem(() -> claimed.hasApplied(new Need.RequestKey("k1", "another body")), 422);
  }

  @Test
  void aPostedNeedIsOpenAtVersionOne() {
    var posted = Need.post("need-9", new Requests.PostNeed("CG001", "TALENT", "电商培训", null), "城关镇", AT, "fp");
    assertThat(posted.after().status()).isEqualTo(Need.OPEN);
    assertThat(posted.after().version()).isEqualTo(1);
    assertThat(posted.event()).isEqualTo(new village.events.partnership.NeedPosted("need-9", "CG001", "城关镇", "TALENT", "电商培训"));
  }

  static void assertConflict(Runnable r, String type) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(ProblemException.class, p -> {
      assertThat(p.status().value()).isEqualTo(409);
      assertThat(p.toProblemDetail().getType().toString()).endsWith(type);
    });
  }

  static void assertProblem(Runnable r, int status) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status().value()).isEqualTo(status));
  }
}
