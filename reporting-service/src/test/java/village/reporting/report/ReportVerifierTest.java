package village.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import village.events.funds.CollectiveIncomeReported;
import village.reporting.readmodel.Projection;

class ReportVerifierTest {

  @Test
  void anUnchangedRecordChangesNoSlotAndAChangedFigureIsListed() {
    Projection m = TownshipFixture.model();
    ReportVerifier verifier = new ReportVerifier(q -> TownshipFixture.overview(m, q));
    List<Slot> slots = ReportDrafterTest.draft(m, 2023, TownshipFixture.T).slots();
    assertThat(verifier.verify(slots).changed()).isEmpty();

    TownshipFixture.apply(m, new CollectiveIncomeReported("CG001", TownshipFixture.T, 2023, "100000.00"), 2);
    ReportVerifier.Result r = verifier.verify(slots);
    assertThat(r.checked()).isEqualTo(slots.size());
    assertThat(r.changed()).extracting(ReportVerifier.Change::name)
        .containsExactlyInAnyOrder("collectiveIncome", "villagesIncome200k");
    ReportVerifier.Change income = r.changed().stream().filter(c -> c.name().equals("collectiveIncome")).findFirst().orElseThrow();
    assertThat(income.value()).isEqualTo("11984700.00");
    assertThat(income.current()).isEqualTo("11879700.00");
    assertThat(income.currentDisplay()).isEqualTo("1000余万元");
  }

  @Test
  void aFigureNoLongerThereIsChangedToNothing() {
    Projection m = TownshipFixture.model();
    List<Slot> slots = new ArrayList<>(ReportDrafterTest.draft(m, 2023, TownshipFixture.T).slots());
    Slot s = slots.get(0);
    slots.set(0, new Slot(s.name(), s.label(), s.query(), "industryScale[industry=RICE,unit=MU].quantity", s.measure(), "5",
        s.display(), s.asOf()));
    ReportVerifier.Change c = new ReportVerifier(q -> TownshipFixture.overview(m, q)).verify(slots).changed().get(0);
    assertThat(c.current()).isNull();
    assertThat(c.currentDisplay()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/stats/villages?year=2023", "/api/partnerships", "/api/stats/overview?year=x",
      "/api/stats/overview?year=2023&year=2024", "/api/stats/overview?secret=1", "/api/stats/overview?township=%ZZ", ""})
  void refusesQueriesThatAreNotOverviews(String query) {
    Slot bad = new Slot("x", "x", query, "villages.total", "COUNT", "1", "1个", "t");
    assertThatThrownBy(() -> new ReportVerifier(q -> java.util.Map.of()).verify(List.of(bad)))
        .isInstanceOf(ReportVerifier.BadSlot.class).extracting("field").isEqualTo("slots[0].query");
  }

  @Test
  void refusesBadFieldsValuesAndMeasures() {
    String q = "/api/stats/overview?year=2023";
    ReportVerifier v = new ReportVerifier(x -> java.util.Map.of());
    assertThatThrownBy(() -> v.verify(List.of(new Slot("x", "x", q, "a..b", null, "1", null, null))))
        .extracting("field").isEqualTo("slots[0].field");
    assertThatThrownBy(() -> v.verify(List.of(new Slot("x", "x", q, "a.b", null, "abc", null, null))))
        .extracting("field").isEqualTo("slots[0].value");
    assertThatThrownBy(() -> v.verify(List.of(new Slot("x", "x", q, "a.b", "LITRE", "1", null, null))))
        .extracting("field").isEqualTo("slots[0].measure");
  }

  @Test
  void queriesRoundTrip() {
    StatsQuery q = new StatsQuery(2023, "城关 镇");
    assertThat(StatsQuery.parse(q.url())).isEqualTo(q);
    assertThat(q.url()).isEqualTo("/api/stats/overview?year=2023&township=%E5%9F%8E%E5%85%B3%20%E9%95%87");
    assertThat(q.readable()).isEqualTo("/api/stats/overview?year=2023&township=城关 镇");
    assertThat(StatsQuery.parse(q.readable())).isEqualTo(q);
    assertThat(new StatsQuery(null, null).url()).isEqualTo("/api/stats/overview");
  }
}
