package village.reporting.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import village.reporting.report.Report.Figure;
import village.reporting.report.Report.Piece;
import village.reporting.report.Report.Reference;
import village.reporting.report.Report.Section;
import village.reporting.report.Report.Text;

/**
 * Drafts the year's summary in the register of a township's report (the seed's section 二): templates plus slots. Every
 * number in the text is a {@link Slot} read from a statistics response (the overview of the year, and of the year
 * before for the comparison); no number is typed here. Plain: the responses come from a {@link Source}.
 */
public final class ReportDrafter {
  /** The statistics response (as the API answers it, {@code asOf} included) of an overview query. */
  @FunctionalInterface
  public interface Source {
    Map<String, Object> overview(StatsQuery query);
  }

  private record Base(String industry, String unit, Measure measure, String name) {}

  /** The industry bases the report names, in the report's order. */
  private static final List<Base> BASES = List.of(
      new Base("SWEET_POTATO", "MU", Measure.MU, "特色红薯"),
      new Base("FRESH_FRUIT", "MU", Measure.MU, "优质鲜果"),
      new Base("VEGETABLES", "MU", Measure.MU, "绿色蔬菜"),
      new Base("WALNUT", "MU", Measure.MU, "优质核桃"),
      new Base("EDIBLE_FUNGI", "STICK", Measure.STICK, "绿色食用菌"),
      new Base("EDIBLE_FUNGI", "MU", Measure.MU, "绿色食用菌"));

  private static final String[][] ORGANIZATION_TYPES = {
      {"TOWNSHIP_AGENCY", "镇机关", "乡镇机关"}, {"PUBLIC_INSTITUTION", "下属事业单位", "事业单位"},
      {"ENTERPRISE", "企业", "企业"}, {"SOCIAL_ORGANIZATION", "社会组织", "社会组织"}};

  private final Source source;

  public ReportDrafter(Source source) {
    this.source = source;
  }

  /** The report of {@code year} for {@code township} (the county when null). */
  public Report draft(int year, String township) {
    StatsQuery query = new StatsQuery(year, township);
    Map<String, Object> now = source.overview(query);
    Draft d = new Draft(query, now);
    String whole = township == null ? "全县" : "全镇";

    List<Section> sections = new ArrayList<>();
    List<Piece> p = new ArrayList<>();
    int total = d.slot("villagesTotal", "村、社区", "villages.total", Measure.EXACT_COUNT);
    int covered = d.slot("villagesCovered", "结对共建的村、社区", "villages.covered", Measure.EXACT_COUNT);
    if (d.exact(total).signum() == 0) {
      p.add(new Text(year + "年，" + whole + "尚无登记的村、社区"));
    } else {
      p.add(new Text(year + "年，组织" + organizations(now, township != null) + "，与" + whole));
      p.add(new Figure(total));
      p.add(new Text("村、社区"));
      if (d.exact(covered).compareTo(d.exact(total)) >= 0) {
        p.add(new Reference("全覆盖", List.of(total, covered)));
      } else {
        p.add(new Text("中的"));
        p.add(new Figure(covered));
      }
      p.add(new Text("手拉手结对共建，共谋推进乡村振兴、基层治理等重点工作"));
    }
    int social = d.slot("socialCapital", "社会资本投资（" + year + "年承诺）", "investment.bySource.SOCIAL_CAPITAL.committed",
        Measure.YUAN);
    if (d.exact(social).signum() > 0) {
      p.add(new Text("，带动社会资本投资"));
      p.add(new Figure(social));
    }
    int projects = d.slot("projects", "农业产业化项目", "projects.total", Measure.COUNT);
    p.add(new Text("，谋划实施农业产业化项目"));
    p.add(new Figure(projects));
    int resolved = d.slot("needsResolved", "帮助解决的问题", "needs.resolved", Measure.COUNT);
    p.add(new Text("，帮助解决问题"));
    p.add(new Figure(resolved));
    p.add(new Text("。"));
    sections.add(new Section("一、扎实推进手拉手结对共建", p));

    p = new ArrayList<>();
    p.add(new Text("坚持以党建引领产业发展。"));
    List<Integer> bases = new ArrayList<>();
    List<String> baseNames = new ArrayList<>();
    for (Base b : BASES) {
      String field = "industryScale[industry=" + b.industry() + ",unit=" + b.unit() + "].quantity";
      if (new FieldPath(field).read(now) == null) continue;
      bases.add(d.slot("scale." + b.industry() + "." + b.unit(), b.name() + "产业基地", field, b.measure()));
      baseNames.add(b.name());
    }
    if (!bases.isEmpty()) {
      p.add(new Text("目前，已培育形成"));
      for (int i = 0; i < bases.size(); i++) {
        if (i > 0) p.add(new Text("、"));
        p.add(new Figure(bases.get(i)));
        p.add(new Text(baseNames.get(i)));
      }
      p.add(new Text("等产业基地，"));
    }
    income(d, year, township, whole, p);
    sections.add(new Section("二、扎实开展产业振兴行动", p));

    String title = (township == null ? "全县" : township) + year + "年手拉手结对共建和产业振兴情况";
    return new Report(year, township, title, sections, List.copyOf(d.slots), freshness(now));
  }

  private void income(Draft d, int year, String township, String whole, List<Piece> p) {
    int reported = d.reportedVillages();
    if (reported == 0) {
      p.add(new Text(whole + "尚无" + year + "年村级集体经济收入的报告。"));
      return;
    }
    int total = d.slot("collectiveIncome", "村级集体经济收入", "collectiveIncome.total", Measure.YUAN);
    int mid = d.slot("villagesIncome200k", "收入超20万元（不足50万元）的村", "collectiveIncome.bands.from200kTo500k",
        Measure.EXACT_COUNT);
    int high = d.slot("villagesIncome500k", "收入超50万元的村", "collectiveIncome.bands.atLeast500k", Measure.EXACT_COUNT);
    p.add(new Text(whole + "村级集体经济收入"));
    p.add(new Figure(total));
    p.add(new Text("，收入超20万元和50万元的村分别为"));
    p.add(new Figure(mid));
    p.add(new Text("和"));
    p.add(new Figure(high));

    StatsQuery before = new StatsQuery(year - 1, township);
    Map<String, Object> then = source.overview(before);
    Draft b = new Draft(before, then, d.slots);
    if (b.reportedVillages() > 0) {
      String level = (year - 1) + "年全年水平";
      String[] names = {"村级集体经济收入", "收入超20万元的村数", "收入超50万元的村数"};
      int[] current = {total, mid, high};
      int[] previous = {
          b.slot("collectiveIncomePrevious", (year - 1) + "年村级集体经济收入", "collectiveIncome.total", Measure.YUAN),
          b.slot("villagesIncome200kPrevious", (year - 1) + "年收入超20万元（不足50万元）的村",
              "collectiveIncome.bands.from200kTo500k", Measure.EXACT_COUNT),
          b.slot("villagesIncome500kPrevious", (year - 1) + "年收入超50万元的村", "collectiveIncome.bands.atLeast500k",
              Measure.EXACT_COUNT)};
      List<String> reached = new ArrayList<>();
      List<String> below = new ArrayList<>();
      List<Integer> reachedSlots = new ArrayList<>();
      List<Integer> belowSlots = new ArrayList<>();
      for (int i = 0; i < names.length; i++) {
        boolean ok = d.exact(current[i]).compareTo(d.exact(previous[i])) >= 0;
        (ok ? reached : below).add(names[i]);
        (ok ? reachedSlots : belowSlots).add(previous[i]);
      }
      if (below.isEmpty()) {
        p.add(new Text("，均达到或超过"));
        p.add(new Reference(level, reachedSlots));
      } else if (reached.isEmpty()) {
        p.add(new Text("，均低于"));
        p.add(new Reference(level, belowSlots));
      } else {
        p.add(new Text("，其中" + String.join("、", reached) + "达到或超过"));
        p.add(new Reference(level, reachedSlots));
        p.add(new Text("，" + String.join("、", below) + "低于"));
        p.add(new Reference(level, belowSlots));
      }
    }
    p.add(new Text("。"));
  }

  /** The kinds of organization that hold active pairings, as the report names them. */
  private static String organizations(Map<String, Object> overview, boolean township) {
    List<String> names = new ArrayList<>();
    for (String[] t : ORGANIZATION_TYPES) {
      Object n = new FieldPath("partnerships.byOrganizationType." + t[0]).read(overview);
      if (n instanceof Number number && number.longValue() > 0) names.add(township ? t[1] : t[2]);
    }
    return names.isEmpty() ? "各方力量" : String.join("、", names);
  }

  @SuppressWarnings("unchecked")
  private static Report.Freshness freshness(Map<String, Object> response) {
    Object asOf = response.get("asOf");
    Object lag = response.get("lag");
    Long seconds = null;
    List<String> reasons = new ArrayList<>();
    if (response.get("behind") instanceof Map<?, ?> behind) {
      seconds = behind.get("seconds") instanceof Number n ? n.longValue() : 0L;
      if (behind.get("sources") instanceof List<?> sources) {
        for (Object s : sources) {
          if (s instanceof Map<?, ?> m) reasons.add(m.get("service") + ": " + m.get("reason"));
        }
      }
    }
    return new Report.Freshness(String.valueOf(asOf), lag instanceof Number n ? n.longValue() : -1, seconds, reasons,
        Boolean.TRUE.equals(response.get("rebuilding")));
  }

  /** Slots read from one response into the report's list. */
  private static final class Draft {
    final StatsQuery query;
    final Map<String, Object> response;
    final List<Slot> slots;

    Draft(StatsQuery query, Map<String, Object> response) {
      this(query, response, new ArrayList<>());
    }

    Draft(StatsQuery query, Map<String, Object> response, List<Slot> slots) {
      this.query = query;
      this.response = response;
      this.slots = slots;
    }

    int slot(String name, String label, String field, Measure measure) {
      BigDecimal value = SlotValues.exact(new FieldPath(field).read(response));
      if (value == null) value = BigDecimal.ZERO;
      slots.add(new Slot(name, label, query.url(), field, measure.name(), SlotValues.text(value), measure.format(value),
          String.valueOf(response.get("asOf"))));
      return slots.size() - 1;
    }

    BigDecimal exact(int slot) {
      return slots.get(slot).exact();
    }

    int reportedVillages() {
      long n = 0;
      for (String band : new String[] {"below200k", "from200kTo500k", "atLeast500k"}) {
        BigDecimal v = SlotValues.exact(new FieldPath("collectiveIncome.bands." + band).read(response));
        if (v != null) n += v.longValue();
      }
      return (int) Math.min(Integer.MAX_VALUE, n);
    }
  }
}
