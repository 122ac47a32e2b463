package village.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20's last "done when": the demo's own data ({@link DemoWorkbook}, generated from the dataset {@code ./village
 * demo} loads) imported as a workbook through the gateway by a clerk of the demo township; the county overview then
 * shows every figure of the 2023 report ({@link ReportFigures}, the same comparison as {@link TownshipDemoIT}), and
 * posting the file again creates nothing. The two paths describe the same records (refs, credit codes, pairings), so
 * whichever of this test and {@link TownshipDemoIT} runs first, the other adds nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoWorkbookIT {
  private static RunningSystem system;
  private static Imports imports;
  private static DemoLoader figures; // the report comparison only: nothing is loaded through it here

  @BeforeAll
  static void theDemoTownshipsClerk() {
    system = RunningSystem.get();
    imports = new Imports(system, system.token("demo-workbook-clerk", "TOWNSHIP", null, DemoWorkbook.township()));
    figures = system.demoLoader();
  }

  @Test
  @Order(1)
  void importedFromTheWorkbookTheTownshipShowsEveryFigureOfTheReport() {
    JsonNode dataset = DemoLoader.dataset();
    JsonNode job = imports.run(DemoWorkbook.xlsx(), false, Duration.ofMinutes(10));
    System.out.println("the demo workbook imported: " + job.path("summary"));
    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("DONE");
    assertThat(job.path("errors").size()).as(job.path("errors").toString()).isZero();
    JsonNode summary = job.path("summary");
    assertThat(summary.path("needs").path("created").asInt() + summary.path("needs").path("unchanged").asInt())
        .isEqualTo(dataset.path("needs").size());
    assertThat(summary.path("organizations").path("created").asInt() + summary.path("organizations").path("unchanged").asInt())
        .isEqualTo(dataset.path("organizations").size());
    for (JsonNode sheet : summary) assertThat(sheet.path("failed").asInt()).as(summary.toString()).isZero();

    List<ReportFigures.Row> rows = figures.compareWithReport(Duration.ofMinutes(3));
    System.out.println(ReportFigures.table(rows));
    assertThat(rows).hasSizeGreaterThanOrEqualTo(7);
    assertThat(rows).allSatisfy(row -> assertThat(row.matches()).as(row.figure() + ": report " + row.report()
        + ", system " + row.system()).isTrue());
    assertThat(figures.awaitPreviousYear(Duration.ofMinutes(2))).as("2022's income in the statistics").isTrue();
    JsonNode needs = system.http.get("/api/stats/overview?township=" + DemoLoader.enc(DemoWorkbook.township()), figures.countyToken()).body().path("needs");
    assertThat(needs.path("resolved").asLong() + needs.path("open").asLong()).isEqualTo(dataset.path("needs").size());
  }

  @Test
  @Order(2)
  void postingTheWorkbookAgainCreatesNothing() {
    JsonNode job = imports.run(DemoWorkbook.xlsx(), false, Duration.ofMinutes(5));
    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("DONE");
    for (JsonNode sheet : job.path("summary")) {
      assertThat(sheet.path("created").asInt() + sheet.path("updated").asInt() + sheet.path("failed").asInt())
          .as(job.path("summary").toString()).isZero();
    }
  }
}
