package village.reporting.report;

import village.reporting.report.Report.Figure;
import village.reporting.report.Report.Piece;
import village.reporting.report.Report.Reference;
import village.reporting.report.Report.Section;
import village.reporting.report.Report.Text;

/**
 * The report as Markdown: each figure followed by its footnote {@code [^n]} (the exact value, the query as a link and
 * the field), a table of the exact figures beneath, the closing line with {@code asOf} and freshness, and the slot list
 * as JSON in a closing HTML comment ({@code <!-- village-report-slots … -->}) for {@code POST /api/stats/report/verify}.
 */
final class MarkdownReport {
  static final String SLOTS_MARKER = "village-report-slots";

  private MarkdownReport() {
  }

  static String render(Report report, String slotsJson) {
    StringBuilder md = new StringBuilder("# ").append(report.title()).append("\n\n");
    for (Section section : report.sections()) {
      md.append("## ").append(section.heading()).append("\n\n");
      for (Piece p : section.pieces()) {
        switch (p) {
          case Text t -> md.append(escape(t.text()));
          case Figure f -> md.append(escape(report.slots().get(f.slot()).display())).append(ref(f.slot()));
          case Reference r -> {
            md.append(escape(r.text()));
            r.slots().forEach(i -> md.append(ref(i)));
          }
        }
      }
      md.append("\n\n");
    }
    md.append("## 数据来源\n\n| 注 | 项目 | 文中 | 精确值 | 查询 | 字段 |\n|---|---|---|---|---|---|\n");
    for (int i = 0; i < report.slots().size(); i++) {
      Slot s = report.slots().get(i);
      md.append("| ").append(i + 1).append(" | ").append(cell(s.label())).append(" | ").append(cell(s.display()))
          .append(" | ").append(cell(ExactFigures.exact(s))).append(" | [").append(cell(ExactFigures.readable(s)))
          .append("](").append(s.query()).append(") | `").append(s.field()).append("` |\n");
    }
    md.append("\n").append(escape(report.closing())).append("\n\n");
    for (int i = 0; i < report.slots().size(); i++) {
      Slot s = report.slots().get(i);
      md.append("[^").append(i + 1).append("]: ").append(escape(s.label())).append("：").append(escape(ExactFigures.exact(s)))
          .append("（文中“").append(escape(s.display())).append("”）。来源：[GET ").append(escape(ExactFigures.readable(s)))
          .append("](").append(s.query()).append(") → `").append(s.field()).append("`，asOf ").append(s.asOf()).append("\n");
    }
    md.append("\n<!-- ").append(SLOTS_MARKER).append("\n").append(slotsJson.replace("--", "-\\u002d")).append("\n-->\n");
    return md.toString();
  }

  private static String ref(int slot) {
    return "[^" + (slot + 1) + "]";
  }

  /** Markdown's own characters in text (the Chinese text has none; a township name might). */
  private static String escape(String s) {
    return s.replaceAll("([\\\\`*_\\[\\]<>#|])", "\\\\$1");
  }

  private static String cell(String s) {
    return escape(s).replace("\n", " ");
  }
}
