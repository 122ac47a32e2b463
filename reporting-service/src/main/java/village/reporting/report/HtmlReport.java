package village.reporting.report;

import village.reporting.report.Report.Figure;
import village.reporting.report.Report.Piece;
import village.reporting.report.Report.Reference;
import village.reporting.report.Report.Section;
import village.reporting.report.Report.Text;

/**
 * The report as an HTML page: each figure a link to its {@code /api/stats/…} query with the exact value on hover
 * ({@code title}), a phrase the figures decide ("全覆盖") followed by links to them, the table of exact figures, the
 * closing line, and the slot list as JSON in {@code <script type="application/json" id="village-report-slots">}.
 */
final class HtmlReport {
  private HtmlReport() {
  }

  static String render(Report report, String slotsJson) {
    StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(esc(report.title())).append("</title>\n<style>\n")
        .append("body{font-family:\"仿宋\",\"FangSong\",\"仿宋_GB2312\",\"STFangsong\",serif;font-size:16pt;line-height:1.8;"
            + "max-width:46em;margin:2em auto;padding:0 1em}\n")
        .append("h1,h2{font-family:\"黑体\",\"SimHei\",\"Heiti SC\",sans-serif;font-weight:normal}h1{text-align:center;font-size:22pt}"
            + "h2{font-size:16pt}p{text-indent:2em}a.figure{color:inherit;text-decoration:underline dotted}"
            + "table{border-collapse:collapse;font-size:11pt}td,th{border:1px solid #999;padding:2px 6px}\n")
        .append("</style>\n</head>\n<body>\n<h1>").append(esc(report.title())).append("</h1>\n");
    for (Section section : report.sections()) {
      h.append("<h2>").append(esc(section.heading())).append("</h2>\n<p>");
      for (Piece p : section.pieces()) {
        switch (p) {
          case Text t -> h.append(esc(t.text()));
          case Figure f -> {
            Slot s = report.slots().get(f.slot());
            h.append("<a class=\"figure\" data-slot=\"").append(f.slot() + 1).append("\" href=\"").append(esc(s.query()))
                .append("\" title=\"").append(esc(ExactFigures.note(s))).append("\">").append(esc(s.display())).append("</a>")
                .append(sup(report, f.slot()));
          }
          case Reference r -> {
            h.append(esc(r.text()));
            r.slots().forEach(i -> h.append(sup(report, i)));
          }
        }
      }
      h.append("</p>\n");
    }
    h.append("<h2>数据来源</h2>\n<table>\n<tr><th>注</th><th>项目</th><th>文中</th><th>精确值</th><th>查询</th><th>字段</th></tr>\n");
    for (int i = 0; i < report.slots().size(); i++) {
      Slot s = report.slots().get(i);
      h.append("<tr id=\"slot-").append(i + 1).append("\"><td>").append(i + 1).append("</td><td>").append(esc(s.label()))
          .append("</td><td>").append(esc(s.display())).append("</td><td>").append(esc(ExactFigures.exact(s)))
          .append("</td><td><a href=\"").append(esc(s.query())).append("\">").append(esc(ExactFigures.readable(s)))
          .append("</a></td><td><code>").append(esc(s.field())).append("</code></td></tr>\n");
    }
    h.append("</table>\n<p class=\"as-of\">").append(esc(report.closing())).append("</p>\n")
        .append("<script type=\"application/json\" id=\"village-report-slots\">").append(slotsJson.replace("</", "<\\/"))
        .append("</script>\n</body>\n</html>\n");
    return h.toString();
  }

  private static String sup(Report report, int slot) {
    Slot s = report.slots().get(slot);
    return "<sup><a href=\"" + esc(s.query()) + "\" title=\"" + esc(ExactFigures.note(s)) + "\">[" + (slot + 1) + "]</a></sup>";
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
