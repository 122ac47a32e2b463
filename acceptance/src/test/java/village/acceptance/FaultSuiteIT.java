package village.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import village.acceptance.chaos.FaultSuite;

/**
 * The short round of the fault suite ({@code ./village chaos} runs the long one): on a system of its own (ports
 * 500 above the acceptance suite's), a Mongo SIGKILL under load, a Kafka SIGKILL and a funds-service SIGKILL, each
 * restarted with the launcher. Nothing acknowledged may be lost, nothing may be there twice, and after each fault
 * the statistics must equal the record.
 */
class FaultSuiteIT {
  @Test
  void acknowledgedWritesSurviveKillsAndTheStatisticsEqualTheRecord() {
    int offset = RunningSystem.portOffset() + 500; // a system of its own, also when the suite runs against one already up
    FaultSuite.Options options = FaultSuite.Options.defaults()
        .with(1, 15, 3, offset, "fault-suite-system")
        .withFaults("mongo,kafka,funds-service");
    FaultSuite.Report report = new FaultSuite(options, System.out).run();
    String table = report.markdown();
    System.out.println(table);
    assertThat(report.phases()).as(table).hasSize(3);
    assertThat(report.phases()).as("writes were acknowledged in every phase\n" + table)
        .allSatisfy(p -> assertThat(p.acknowledged()).isPositive());
    assertThat(report.failures()).as("broken promises (lost / double-counted / statistics ≠ record):\n" + table).isEmpty();
  }
}
