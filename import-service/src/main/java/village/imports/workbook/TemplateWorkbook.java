package village.imports.workbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFDataValidationHelper;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The import template: an instructions sheet (说明), then one sheet per kind with the Chinese label and the field key in
 * each header ({@code 村代码 (code)}), an example row, drop-down lists (data validation) for every enumerated column and
 * for the township's village codes (from a hidden {@code _lists} sheet), and date / amount columns formatted as text so
 * Excel keeps what the clerk types.
 */
public final class TemplateWorkbook {
  private static final int ROWS = 5000;
  private static final Map<String, List<String>> EXAMPLES = Map.of(
      "villages", List.of("HQ001", "红旗村", "VILLAGE", "{township}", "某某县"),
      "organizations", List.of("91510100MA61234567", "县农业农村局", "TOWNSHIP_AGENCY", "张三", "0838-1234567"),
      "resources", List.of("91510100MA61234567", "TALENT", "农技专家驻村指导", ""),
      "partnerships", List.of("91510100MA61234567", "HQ001", "2023-01-15", "INDUSTRY,TALENT", "", "", ""),
      "projects", List.of("XM-2023-01", "红薯产业基地", "SWEET_POTATO", "HQ001", "91510100MA61234567", "5000", "MU", "1500000.00",
          "2023-03-01", "2023-12-31", "IN_PROGRESS", "60"),
      "milestones", List.of("XM-2023-01", "育苗完成", "2023-05-01", "2023-04-28"),
      "needs", List.of("XQ-001", "HQ001", "INFRASTRUCTURE", "修缮机耕道", "", "2023-06-30", "91510100MA61234567"),
      "funds", List.of("ZJ-001", "FISCAL", "", "XM-2023-01", "HQ001", "500000.00", "2023-03-15"),
      "disbursements", List.of("ZJ-001", "200000.00", "2023-04-01", "第一笔"),
      "income", List.of("HQ001", "2023", "356000.00"));

  private TemplateWorkbook() {}

  public static byte[] build(String township, List<String> villageCodes) {
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle header = wb.createCellStyle();
      Font bold = wb.createFont();
      bold.setBold(true);
      header.setFont(bold);
      header.setFillForegroundColor(IndexedColors.LIGHT_CORNFLOWER_BLUE.getIndex());
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      header.setBorderBottom(BorderStyle.THIN);
      CellStyle text = wb.createCellStyle();
      text.setDataFormat(wb.createDataFormat().getFormat("@"));
      CellStyle example = wb.createCellStyle();
      example.cloneStyleFrom(text);
      Font grey = wb.createFont();
      grey.setItalic(true);
      grey.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
      example.setFont(grey);

      instructions(wb, township);
      XSSFSheet lists = wb.createSheet("_lists");
      for (int i = 0; i < villageCodes.size(); i++) lists.createRow(i).createCell(0).setCellValue(villageCodes.get(i));
      wb.setSheetHidden(wb.getSheetIndex(lists), true);

      for (SheetSpec spec : WorkbookContract.SHEETS) {
        XSSFSheet s = wb.createSheet(spec.label() + " (" + spec.key() + ")");
        XSSFRow h = s.createRow(0);
        XSSFRow ex = s.createRow(1);
        List<String> sample = EXAMPLES.get(spec.key());
        XSSFDataValidationHelper dv = new XSSFDataValidationHelper(s);
        for (int c = 0; c < spec.columns().size(); c++) {
          Column col = spec.columns().get(c);
          var cell = h.createCell(c);
          cell.setCellValue(col.header() + (col.required() ? " *" : ""));
          cell.setCellStyle(header);
          s.setDefaultColumnStyle(c, text);
          s.setColumnWidth(c, Math.max(14, col.header().length() * 2 + 4) * 256);
          var e = ex.createCell(c);
          e.setCellValue(sample.get(c).replace("{township}", township == null ? "某某镇" : township));
          e.setCellStyle(example);
          DataValidationConstraint constraint = null;
          if (col.kind() == Column.Kind.ENUM) {
            constraint = dv.createExplicitListConstraint(col.values().toArray(String[]::new));
          } else if (col.key().equals("villageCode") || col.key().equals("code") && spec.key().equals("villages")) {
            if (!villageCodes.isEmpty() && !spec.key().equals("villages")) {
              constraint = dv.createFormulaListConstraint("_lists!$A$1:$A$" + villageCodes.size());
            }
          }
          if (constraint != null) {
            DataValidation v = dv.createValidation(constraint, new CellRangeAddressList(1, ROWS, c, c));
            v.setShowErrorBox(col.kind() == Column.Kind.ENUM);
            v.setSuppressDropDownArrow(true);
            s.addValidationData(v);
          }
        }
        s.createFreezePane(0, 1);
      }
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void instructions(XSSFWorkbook wb, String township) {
    XSSFSheet s = wb.createSheet(WorkbookContract.INSTRUCTIONS);
    String[] lines = {
        "村级结对共建登记 · 批量导入模板" + (township == null ? "" : "（" + township + "）"),
        "",
        "1. 每类数据一张工作表；不用的表可以删除。第 1 行是表头（中文名或括号中的英文字段名均可，不区分大小写）；灰色斜体一行是示例，导入前请删除。",
        "2. 带 * 的列必填。下拉列表给出可选值；村代码下拉列出本镇已登记的村。",
        "3. 日期填日期单元格或 YYYY-MM-DD 文本；金额以元为单位，最多两位小数（如 1500000.00），按文件中的数值精确读取。",
        "4. 单位按统一社会信用代码识别，村按村代码识别，项目、需求、资金按您自己的编号（ref）识别；同一文件再次导入不会重复创建。",
        "5. 结对：填了结束日期和结束原因即结束该结对。需求：填了解决日期和解决单位信用代码即通过该单位与该村的结对标记为已解决。",
        "6. 项目状态按允许的流转自动推进（计划→批准→实施中→完成；可暂停、取消）；完成百分比在实施中时上报。",
        "7. 先用“试运行”检查：每一行都会校验，错误会在回传的文件中标红并写明原因；有任何错误时默认不做任何修改。",
        "8. 文件不超过 10 MiB、50,000 行；不接受含宏的 .xlsm 文件；公式按其保存的计算结果读取。",
        "",
        "Sheets (English keys): " + String.join(", ", WorkbookContract.SHEETS.stream().map(SheetSpec::key).toList()),
    };
    for (int i = 0; i < lines.length; i++) s.createRow(i).createCell(0).setCellValue(lines[i]);
    s.setColumnWidth(0, 150 * 256);
  }
}
