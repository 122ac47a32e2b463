package village.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryBackoffTest {

  @ParameterizedTest(name = "{0} failures → {1} ms")
  @CsvSource({"1, 400", "2, 800", "3, 1600", "4, 3200", "5, 6400", "6, 10000", "50, 10000", "0, 400"})
  void doublesWithEachFailedRoundUpToTheCap(int failures, long millis) {
    assertThat(RetryBackoff.delayMillis(failures, Duration.ofSeconds(10))).isEqualTo(millis);
  }
}
