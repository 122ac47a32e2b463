package village.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import village.events.funds.CollectiveIncomeReported;
import village.events.funds.FundCommitted;
import village.events.partnership.PartnershipEnded;
import village.reporting.readmodel.Projection;

class ReportDrafterTest {
  static final String T = TownshipFixture.T;

  static Report draft(Projection model, int year, String township) {
    return new ReportDrafter(q -> TownshipFixture.overview(model, q)).draft(year, township);
  }

  static String text(Report r) {
    StringBuilder sb = new StringBuilder();
    r.sections().forEach(s -> sb.append(r.text(s)).append('\n'));
    return sb.toString();
  }

  @Test
  void theDemoYearReadsAsTheReportStatesIt() {
    Report r = draft(TownshipFixture.model(), 2023, T);
    String text = text(r);
    assertThat(text).contains("与全镇28个村、社区全覆盖手拉手结对共建")
        .contains("组织镇机关、下属事业单位、企业、社会组织")
        .contains("带动社会资本投资5000万元")
        .contains("谋划实施农业产业化项目9个")
        .contains("帮助解决问题400余个")
        .contains("已培育形成5万亩特色红薯、7万亩优质鲜果、4万亩绿色蔬菜、2万亩优质核桃、2000万棒绿色食用菌等产业基地")
        .contains("全镇村级集体经济收入1000余万元，收入超20万元和50万元的村分别为10个和18个，均达到或超过2022年全年水平。");
    assertThat(r.title()).isEqualTo("城关镇2023年手拉手结对共建和产业振兴情况");
    assertThat(r.closing()).contains("2026-12-03T08:00:00Z").contains("未滞后");
  }

  @Test
  void everyNumberIsASlotWithItsQueryFieldAndExactValue() {
    Report r = draft(TownshipFixture.model(), 2023, T);
    Map<String, Slot> byName = new java.util.HashMap<>();
    r.slots().forEach(s -> byName.put(s.name(), s));
    String q = "/api/stats/overview?year=2023&township=%E5%9F%8E%E5%85%B3%E9%95%87";
    assertThat(byName.get("socialCapital")).isEqualTo(new Slot("socialCapital", "社会资本投资（2023年承诺）", q,
        "investment.bySource.SOCIAL_CAPITAL.committed", "YUAN", "50000000.00", "5000万元", "2026-12-03T08:00:00Z"));
    assertThat(byName.get("collectiveIncome").value()).isEqualTo("11984700.00");
    assertThat(byName.get("collectiveIncome").display()).isEqualTo("1000余万元");
    assertThat(byName.get("needsResolved").value()).isEqualTo("412");
    assertThat(byName.get("scale.EDIBLE_FUNGI.STICK").field()).isEqualTo("industryScale[industry=EDIBLE_FUNGI,unit=STICK].quantity");
    assertThat(byName.get("scale.EDIBLE_FUNGI.STICK").value()).isEqualTo("20000000");
    assertThat(byName.get("collectiveIncomePrevious").query()).isEqualTo(q.replace("2023", "2022"));
    assertThat(byName.get("collectiveIncomePrevious").value()).isEqualTo("11810700.00");
    assertThat(byName.get("villagesIncome500kPrevious").value()).isEqualTo("17");
    // every figure written in the text is the display of a slot, in order: no number is typed by the template
    String text = text(r);
    for (Slot s : r.slots()) {
      if (!s.name().endsWith("Previous") && !s.name().equals("villagesCovered")) assertThat(text).contains(s.display());
    }
    String templateOnly = text;
    for (Slot s : r.slots()) templateOnly = templateOnly.replace(s.display(), "");
    // what remains: the year, and the band thresholds of the definition (20万元 / 50万元)
    assertThat(templateOnly.replace("2023年", "").replace("2022年", "").replace("超20万元和50万元", "")).doesNotContainPattern("[0-9]");
  }

  @Test
  void aChangedFigureChangesTheSentence() {
    Projection m = TownshipFixture.model();
    // two villages of 2022 above 500k: 2022's total and its band above 500k are higher, its middle band lower
    TownshipFixture.apply(m, new CollectiveIncomeReported("CG001", T, 2022, "600000.00"), 2);
    TownshipFixture.apply(m, new CollectiveIncomeReported("CG002", T, 2022, "600000.00"), 2);
    String text = text(draft(m, 2023, T));
    assertThat(text).contains("分别为10个和18个，其中收入超20万元的村数达到或超过2022年全年水平，"
        + "村级集体经济收入、收入超50万元的村数低于2022年全年水平。");

    // more social capital, a pairing ended: other figures, other words
    TownshipFixture.apply(m, new FundCommitted("f6", "SOCIAL_CAPITAL", "o6", null, "CG006", T, "23400000.00",
        java.time.LocalDate.of(2023, 5, 1)), 1);
    TownshipFixture.apply(m, new PartnershipEnded("p3", "o3", "CG003", java.time.LocalDate.of(2023, 9, 1), "到期"), 2);
    text = text(draft(m, 2023, T));
    assertThat(text).contains("带动社会资本投资7000余万元").contains("与全镇28个村、社区中的27个手拉手结对共建")
        .doesNotContain("全覆盖");
  }

  @Test
  void allBelowTheYearBefore() {
    Projection m = TownshipFixture.model();
    // four villages of 2023 below 200k: fewer in each band than 2022's 10 and 17, and less in total
    for (String v : new String[] {"CG001", "CG011", "CG012", "CG013"}) {
      TownshipFixture.apply(m, new CollectiveIncomeReported(v, T, 2023, "100000.00"), 2);
    }
    assertThat(text(draft(m, 2023, T))).contains("分别为9个和15个，均低于2022年全年水平。");
  }

  @Test
  void withoutTheYearBeforeThereIsNoComparison() {
    Report r = draft(TownshipFixture.model(), 2024, T);
    assertThat(text(r)).contains("全镇尚无2024年村级集体经济收入的报告。").doesNotContain("全年水平").doesNotContain("社会资本");
    Report y2022 = draft(TownshipFixture.model(), 2022, T);
    assertThat(text(y2022)).contains("收入超20万元和50万元的村分别为10个和17个。").doesNotContain("2021");
  }

  @Test
  void aTownshipWithoutRecordSaysSo() {
    String text = text(draft(TownshipFixture.model(), 2023, "西镇"));
    assertThat(text).contains("2023年，全镇尚无登记的村、社区，谋划实施农业产业化项目0个，帮助解决问题0个。")
        .contains("全镇尚无2023年村级集体经济收入的报告。").doesNotContain("产业基地");
  }

  @Test
  void theCountyReportSaysTheCounty() {
    Report r = draft(TownshipFixture.model(), 2023, null);
    assertThat(r.title()).startsWith("全县2023年");
    assertThat(text(r)).contains("与全县28个村、社区全覆盖").contains("组织乡镇机关、事业单位、企业、社会组织");
    assertThat(r.slots().get(0).query()).isEqualTo("/api/stats/overview?year=2023");
  }

  @Test
  void theMarkdownFootnotesEveryFigureAndCarriesTheSlots() {
    Report r = draft(TownshipFixture.model(), 2023, T);
    String md = MarkdownReport.render(r, "{\"slots\":[]}");
    assertThat(md.replaceAll("\\[\\^\\d+]", "")).contains("带动社会资本投资5000万元，谋划实施农业产业化项目9个");
    int social = indexOf(r, "socialCapital") + 1;
    assertThat(md).contains("5000万元[^" + social + "]")
        .contains("[^" + social + "]: 社会资本投资（2023年承诺）：50000000.00元（文中“5000万元”）。来源：[GET /api/stats/overview?year=2023&township=城关镇]"
            + "(/api/stats/overview?year=2023&township=%E5%9F%8E%E5%85%B3%E9%95%87) → `investment.bySource.SOCIAL\\_CAPITAL.committed`".replace("\\_", "_"))
        .contains("<!-- village-report-slots\n{\"slots\":[]}\n-->");
    assertThat(md).contains("| " + social + " | 社会资本投资（2023年承诺） | 5000万元 | 50000000.00元 |");
  }

  @Test
  void theHtmlLinksEveryFigureWithTheExactValueOnHover() {
    Report r = draft(TownshipFixture.model(), 2023, T);
    String html = HtmlReport.render(r, "{\"slots\":[{\"x\":\"</script>\"}]}");
    assertThat(html).contains("<a class=\"figure\" data-slot=\"" + (indexOf(r, "needsResolved") + 1)
        + "\" href=\"/api/stats/overview?year=2023&amp;township=%E5%9F%8E%E5%85%B3%E9%95%87\" title=\"帮助解决的问题：412个（文中“400余个”）")
        .contains("<\\/script>").doesNotContain("\"</script>\"");
  }

  @Test
  void theClosingSaysWhenTheFiguresAreFromAndHowFarBehindTheyWere() {
    Projection m = TownshipFixture.model();
    Report behind = new ReportDrafter(q -> {
      Map<String, Object> o = TownshipFixture.overview(m, q);
      o.put("behind", Map.of("seconds", 42, "sources", List.of(Map.of("service", "funds-service", "reason", "Kafka is unreachable"))));
      o.put("rebuilding", true);
      return o;
    }).draft(2023, T);
    assertThat(behind.closing()).isEqualTo("本报告中的数字均取自统计查询（见注），数据截至2026-12-03T08:00:00Z（asOf）；统计数据滞后约42秒"
        + "（funds-service: Kafka is unreachable）；统计正在重建，以上为现用统计的数字。");
    Report never = new ReportDrafter(q -> {
      Map<String, Object> o = TownshipFixture.overview(m, q);
      o.put("asOf", "1970-01-01T00:00:00Z");
      return o;
    }).draft(2023, T);
    assertThat(never.closing()).contains("数据的新鲜度未知");
  }

  static int indexOf(Report r, String name) {
    List<Slot> slots = r.slots();
    for (int i = 0; i < slots.size(); i++) if (slots.get(i).name().equals(name)) return i;
    throw new AssertionError(name);
  }
}
