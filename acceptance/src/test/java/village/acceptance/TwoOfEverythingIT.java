package village.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import village.acceptance.chaos.TwoOfEverything;

/**
 * Two of every component on the embedded stack, on a system of its own (ports 600 above the acceptance suite's):
 * one instance of each service SIGKILLed in turn under load through gateway 1 and restarted; nothing acknowledged
 * lost or doubled, both reporting instances' statistics equal to the record, and a browser's session survives the
 * loss of gateway 1 at gateway 2 (TwoOfEverything; RELIABILITY.md, "Two of everything").
 */
class TwoOfEverythingIT {
  @Test
  void oneInstanceOfEachMayDieAndNothingIsLostCountedTwiceOrSignedOut() {
    int offset = RunningSystem.portOffset() + 600; // a system of its own, also when the suite runs against one already up
    TwoOfEverything.Report report = TwoOfEverything.run(offset, System.out);
    String text = report.text();
    System.out.println(text);
    assertThat(report.kills()).as(text).hasSize(TwoOfEverything.VICTIMS.size());
    assertThat(report.acknowledged()).as(text).isPositive();
    assertThat(report.checks()).as(text).anySatisfy(c -> assertThat(c).contains("session cookie at gateway 2 → 200"));
    assertThat(report.checks()).as(text).anySatisfy(c -> assertThat(c).contains("the same on both"));
    assertThat(report.failures()).as("broken promises:\n" + text).isEmpty();
  }
}
