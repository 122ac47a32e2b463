package village.reporting.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import village.reporting.consumer.SequenceGaps.Verdict;

class SequenceGapsTest {
  static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  final Map<String, Long> last = new HashMap<>();

  long last(String key) {
    return last.getOrDefault(key, 0L);
  }

  @Test
  void verdictByLastAppliedSequence() {
    assertThat(SequenceGaps.verdict(0, 1)).isEqualTo(Verdict.NEXT);
    assertThat(SequenceGaps.verdict(4, 5)).isEqualTo(Verdict.NEXT);
    assertThat(SequenceGaps.verdict(0, 2)).isEqualTo(Verdict.AHEAD);
    assertThat(SequenceGaps.verdict(4, 9)).isEqualTo(Verdict.AHEAD);
    assertThat(SequenceGaps.verdict(4, 4)).isEqualTo(Verdict.DUPLICATE);
    assertThat(SequenceGaps.verdict(4, 1)).isEqualTo(Verdict.DUPLICATE);
  }

  @Test
  void heldEventsAreReleasedInOrderWhenTheGapCloses() {
    SequenceGaps<String> gaps = new SequenceGaps<>(Duration.ofSeconds(60), 100);
    assertThat(gaps.hold("fund:f1", 3, T0, "disbursed-2")).isTrue();
    assertThat(gaps.hold("fund:f1", 2, T0, "disbursed-1")).isTrue();
    assertThat(gaps.hold("fund:f1", 2, T0, "again")).as("same sequence held twice").isFalse();
    assertThat(gaps.size()).isEqualTo(2);
    // sequence 1 arrives and is applied: 2 is next, then 3
    assertThat(gaps.take("fund:f1", 2)).map(SequenceGaps.Held::item).contains("disbursed-1");
    assertThat(gaps.take("fund:f1", 3)).map(SequenceGaps.Held::item).contains("disbursed-2");
    assertThat(gaps.take("fund:f1", 4)).isEmpty();
    assertThat(gaps.size()).isZero();
    assertThat(gaps.keys()).isEmpty();
  }

  @Test
  void nothingIsReleasedPastAStillOpenGap() {
    SequenceGaps<String> gaps = new SequenceGaps<>(Duration.ofSeconds(60), 100);
    gaps.hold("fund:f1", 4, T0, "four");
    assertThat(gaps.take("fund:f1", 2)).isEmpty(); // 1 applied, 2 and 3 still missing
    assertThat(gaps.size()).isEqualTo(1);
  }

  @Test
  void heldEventsExpireAfterTheWaitWithAReasonNamingTheMissingSequence() {
    SequenceGaps<String> gaps = new SequenceGaps<>(Duration.ofSeconds(60), 100);
    last.put("fund:f1", 1L);
    gaps.hold("fund:f1", 4, T0, "four");
    gaps.hold("fund:f2", 2, T0.plusSeconds(30), "two");
    assertThat(gaps.expire(T0.plusSeconds(59), this::last)).isEmpty();
    List<SequenceGaps.Expired<String>> expired = gaps.expire(T0.plusSeconds(60), this::last);
    assertThat(expired).hasSize(1);
    assertThat(expired.get(0).held().item()).isEqualTo("four");
    assertThat(expired.get(0).reason()).contains("sequence gap").contains("fund:f1 sequence 4")
        .contains("sequences 2–3").contains("last applied 1").contains("not applied over the gap");
    assertThat(gaps.size()).isEqualTo(1);
    List<SequenceGaps.Expired<String>> later = gaps.expire(T0.plusSeconds(95), this::last);
    assertThat(later).extracting(x -> x.held().item()).containsExactly("two");
    assertThat(later.get(0).reason()).contains("before sequence 1 ");
    assertThat(gaps.size()).isZero();
  }

  @Test
  void theOldestExpireWhenMoreThanTheLimitAreHeld() {
    SequenceGaps<String> gaps = new SequenceGaps<>(Duration.ofHours(1), 2);
    gaps.hold("a", 3, T0, "a3");
    gaps.hold("b", 5, T0.plusSeconds(1), "b5");
    gaps.hold("c", 9, T0.plusSeconds(2), "c9");
    List<SequenceGaps.Expired<String>> expired = gaps.expire(T0.plusSeconds(3), this::last);
    assertThat(expired).extracting(x -> x.held().item()).containsExactly("a3");
    assertThat(expired.get(0).reason()).contains("more than 2 events were held");
    assertThat(gaps.size()).isEqualTo(2);
    assertThat(gaps.take("b", 5)).isPresent();
  }

  @Test
  void heldEventsThatBecameDuplicatesAreDiscarded() {
    SequenceGaps<String> gaps = new SequenceGaps<>(Duration.ofSeconds(60), 100);
    gaps.hold("k", 2, T0, "two");
    gaps.hold("k", 3, T0, "three");
    gaps.hold("k", 5, T0, "five");
    assertThat(gaps.discardUpTo("k", 3)).extracting(SequenceGaps.Held::item).containsExactly("two", "three");
    assertThat(gaps.size()).isEqualTo(1);
    assertThat(gaps.take("k", 5)).isPresent();
  }

  @Test
  void limitsMustMakeSense() {
    assertThatThrownBy(() -> new SequenceGaps<String>(Duration.ofSeconds(-1), 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SequenceGaps<String>(Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
