package village.reporting.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import village.events.Watermark;

/** What consumed watermarks prove: min over partitions and live instances; unknown until every partition has one. */
class SourceWatermarksTest {
  static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  final SourceWatermarks marks = new SourceWatermarks(Duration.ofMinutes(2));
  long sequence;

  void mark(String instance, int partition, int secondsAfterT0) {
    marks.record(Watermark.of("funds-service", instance, partition, 3, T0.plusSeconds(secondsAfterT0), T0, ++sequence, 0, null));
  }

  @Test
  void unknownUntilEveryPartitionHasAWatermark() {
    assertThat(marks.source("funds-service").upTo()).isEmpty();
    mark("a", 0, 10);
    mark("a", 1, 10);
    assertThat(marks.source("funds-service").upTo()).isEmpty();
    mark("a", 2, 10);
    assertThat(marks.source("funds-service").upTo()).contains(T0.plusSeconds(10));
  }

  @Test
  void theSlowestPartitionDecides() {
    mark("a", 0, 20);
    mark("a", 1, 12);
    mark("a", 2, 30);
    assertThat(marks.source("funds-service").upTo()).contains(T0.plusSeconds(12));
  }

  @Test
  void theLastWatermarkCountsEvenWhenEarlier() {
    for (int p = 0; p < 3; p++) mark("a", p, 20);
    for (int p = 0; p < 3; p++) mark("a", p, 5); // a sweep found a leftover from 5 s: the promise went back
    assertThat(marks.source("funds-service").upTo()).contains(T0.plusSeconds(5));
  }

  @Test
  void theSlowestLiveInstanceDecides() {
    for (int p = 0; p < 3; p++) {
      mark("a", p, 40);
      mark("b", p, 35); // b has a write waiting since 35 s
    }
    var s = marks.source("funds-service");
    assertThat(s.upTo()).contains(T0.plusSeconds(35));
    assertThat(s.instances()).isEqualTo(2);
  }

  @Test
  void anInstanceSupersededForLongerThanTheTimeoutNoLongerCounts() {
    for (int p = 0; p < 3; p++) {
      mark("old", p, 0); // stopped at T0
      mark("new", p, 119);
    }
    assertThat(marks.source("funds-service").upTo()).contains(T0); // within the timeout: still holds
    for (int p = 0; p < 3; p++) mark("new", p, 121);
    assertThat(marks.source("funds-service").upTo()).contains(T0.plusSeconds(121));
    assertThat(marks.source("funds-service").instances()).isEqualTo(1);
  }

  @Test
  void noWatermarksAtAllDropNobody() {
    for (int p = 0; p < 3; p++) {
      mark("a", p, 0);
      mark("b", p, 1);
    }
    // Kafka down for an hour: nothing arrives, nothing is dropped, the time stays
    assertThat(marks.source("funds-service").upTo()).contains(T0);
  }

  @Test
  void sourcesAreSeparateAndClearForgetsAll() {
    for (int p = 0; p < 3; p++) mark("a", p, 7);
    marks.record(Watermark.of("project-service", "x", 0, 1, T0, T0, 1, 2, T0.minusSeconds(1)));
    assertThat(marks.source("funds-service").upTo()).contains(T0.plusSeconds(7));
    var project = marks.source("project-service");
    assertThat(project.upTo()).contains(T0);
    assertThat(project.waitingEvents()).isEqualTo(2);
    assertThat(project.oldestWaitingSince()).isEqualTo(T0.minusSeconds(1));
    marks.clear();
    assertThat(marks.source("funds-service").upTo()).isEmpty();
  }
}
