package village.imports.workbook;

import static village.imports.workbook.Column.Kind.DATE;
import static village.imports.workbook.Column.Kind.DECIMAL;
import static village.imports.workbook.Column.Kind.INTEGER;
import static village.imports.workbook.Column.Kind.MONEY;
import static village.imports.workbook.Column.listOf;
import static village.imports.workbook.Column.of;
import static village.imports.workbook.Column.oneOf;
import static village.imports.workbook.Column.text;

import java.util.List;
import java.util.Optional;

/**
 * The sheets an import reads, in the order they are applied (a later sheet may refer to an earlier one), with their
 * columns. Sheet names and headers are taken as the Chinese label or the English key, case-insensitive; any sheet may
 * be left out; the header is row 1. Sheets named {@link #INSTRUCTIONS} or starting with {@code _} are ignored.
 */
public final class WorkbookContract {
  public static final List<String> VILLAGE_KINDS = List.of("VILLAGE", "COMMUNITY");
  public static final List<String> ORGANIZATION_TYPES = List.of("TOWNSHIP_AGENCY", "PUBLIC_INSTITUTION", "ENTERPRISE", "SOCIAL_ORGANIZATION");
  public static final List<String> CATEGORIES = List.of("INDUSTRY", "INFRASTRUCTURE", "MARKETING", "EMPLOYMENT", "TALENT",
      "FUNDING", "LIVING_ENVIRONMENT", "GOVERNANCE", "OTHER");
  public static final List<String> INDUSTRIES = List.of("SWEET_POTATO", "FRESH_FRUIT", "VEGETABLES", "WALNUT", "EDIBLE_FUNGI", "OTHER");
  public static final List<String> UNITS = List.of("MU", "STICK", "HEAD");
  public static final List<String> PROJECT_STATUSES = List.of("PLANNED", "APPROVED", "IN_PROGRESS", "COMPLETED", "SUSPENDED", "CANCELLED");
  public static final List<String> SOURCES = List.of("SOCIAL_CAPITAL", "FISCAL", "VILLAGE_COLLECTIVE", "BANK_LOAN", "DONATION");
  public static final String INSTRUCTIONS = "说明";

  public static final SheetSpec VILLAGES = new SheetSpec("villages", "村庄", List.of(
      text("code", "村代码", true), text("name", "村名", true), oneOf("kind", "类型", true, VILLAGE_KINDS),
      text("township", "乡镇", true), text("county", "县", true)));
  public static final SheetSpec ORGANIZATIONS = new SheetSpec("organizations", "结对单位", List.of(
      text("creditCode", "统一社会信用代码", true), text("name", "单位名称", true), oneOf("type", "单位类型", true, ORGANIZATION_TYPES),
      text("contactName", "联系人", false), text("contactPhone", "联系电话", false)));
  public static final SheetSpec RESOURCES = new SheetSpec("resources", "资源清单", List.of(
      text("creditCode", "统一社会信用代码", true), oneOf("category", "类别", true, CATEGORIES), text("title", "资源", true),
      text("description", "说明", false)));
  public static final SheetSpec PARTNERSHIPS = new SheetSpec("partnerships", "结对共建", List.of(
      text("creditCode", "统一社会信用代码", true), text("villageCode", "村代码", true), of("startDate", "结对日期", DATE, true),
      listOf("focus", "共建重点", false, CATEGORIES), text("note", "备注", false), of("endDate", "结束日期", DATE, false),
      text("endReason", "结束原因", false)));
  public static final SheetSpec PROJECTS = new SheetSpec("projects", "项目", List.of(
      text("ref", "项目编号", true), text("name", "项目名称", true), oneOf("industry", "产业", true, INDUSTRIES),
      listOf("villageCodes", "村代码", true, List.of()), text("leadCreditCode", "牵头单位信用代码", false),
      of("quantity", "规模", DECIMAL, true), oneOf("unit", "单位", true, UNITS), of("plannedInvestment", "计划投资（元）", MONEY, true),
      of("startDate", "开始日期", DATE, true), of("endDate", "结束日期", DATE, false),
      oneOf("status", "状态", false, PROJECT_STATUSES), of("percentComplete", "完成百分比", INTEGER, false)));
  public static final SheetSpec MILESTONES = new SheetSpec("milestones", "项目节点", List.of(
      text("projectRef", "项目编号", true), text("title", "节点", true), of("dueDate", "计划完成日期", DATE, true),
      of("completedOn", "完成日期", DATE, false)));
  public static final SheetSpec NEEDS = new SheetSpec("needs", "需求清单", List.of(
      text("ref", "需求编号", true), text("villageCode", "村代码", true), oneOf("category", "类别", true, CATEGORIES),
      text("title", "需求", true), text("description", "说明", false), of("resolvedOn", "解决日期", DATE, false),
      text("resolvedByCreditCode", "解决单位信用代码", false)));
  public static final SheetSpec FUNDS = new SheetSpec("funds", "资金", List.of(
      text("ref", "资金编号", true), oneOf("source", "来源", true, SOURCES), text("investorCreditCode", "投资单位信用代码", false),
      text("projectRef", "项目编号", false), text("villageCode", "村代码", false), of("committedAmount", "承诺金额（元）", MONEY, true),
      of("committedOn", "承诺日期", DATE, true)));
  public static final SheetSpec DISBURSEMENTS = new SheetSpec("disbursements", "拨付", List.of(
      text("fundRef", "资金编号", true), of("amount", "拨付金额（元）", MONEY, true), of("disbursedOn", "拨付日期", DATE, true),
      text("note", "备注", false)));
  public static final SheetSpec INCOME = new SheetSpec("income", "村集体收入", List.of(
      text("villageCode", "村代码", true), of("year", "年度", INTEGER, true), of("amount", "收入（元）", MONEY, true)));

  /** In the order the import applies them. */
  public static final List<SheetSpec> SHEETS = List.of(VILLAGES, ORGANIZATIONS, RESOURCES, PARTNERSHIPS, PROJECTS, MILESTONES,
      NEEDS, FUNDS, DISBURSEMENTS, INCOME);

  private WorkbookContract() {}

  public static Optional<SheetSpec> sheet(String name) {
    return SHEETS.stream().filter(s -> s.named(name)).findFirst();
  }

  public static boolean ignored(String sheetName) {
    return sheetName.startsWith("_") || sheetName.strip().equals(INSTRUCTIONS) || sheetName.strip().equalsIgnoreCase("instructions");
  }
}
