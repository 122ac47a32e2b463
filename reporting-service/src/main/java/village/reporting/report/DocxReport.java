package village.reporting.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFootnote;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import village.reporting.report.Report.Figure;
import village.reporting.report.Report.Piece;
import village.reporting.report.Report.Reference;
import village.reporting.report.Report.Section;
import village.reporting.report.Report.Text;

/**
 * The report as a Word document (Apache POI) in a plain government style a clerk opens in WPS or Word and edits: A4,
 * margins 3.7/3.5/2.8/2.6 cm, title 黑体 二号 centred, headings 黑体 三号, body 仿宋 三号 with a two-character indent;
 * each figure carries a real footnote with its exact value, the query URL and the field; the table of exact figures and
 * the closing line with {@code asOf} and freshness follow the text.
 */
final class DocxReport {
  static final String BODY_FONT = "仿宋";
  static final String HEADING_FONT = "黑体";
  private static final int BODY_SIZE = 16; // 三号
  private static final int TITLE_SIZE = 22; // 二号

  private DocxReport() {
  }

  static byte[] render(Report report) {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      a4(doc);
      doc.createFootnotes();

      XWPFParagraph title = doc.createParagraph();
      title.setAlignment(ParagraphAlignment.CENTER);
      run(title, report.title(), HEADING_FONT, TITLE_SIZE);

      for (Section section : report.sections()) {
        run(doc.createParagraph(), section.heading(), HEADING_FONT, BODY_SIZE);
        XWPFParagraph p = body(doc);
        for (Piece piece : section.pieces()) {
          switch (piece) {
            case Text t -> run(p, t.text(), BODY_FONT, BODY_SIZE);
            case Figure f -> {
              run(p, report.slots().get(f.slot()).display(), BODY_FONT, BODY_SIZE);
              p.addFootnoteReference(note(doc, report, f.slot()));
            }
            case Reference r -> {
              run(p, r.text(), BODY_FONT, BODY_SIZE);
              r.slots().forEach(i -> p.addFootnoteReference(note(doc, report, i)));
            }
          }
        }
      }

      run(doc.createParagraph(), "数据来源", HEADING_FONT, BODY_SIZE);
      XWPFTable table = doc.createTable(report.slots().size() + 1, 5);
      String[] head = {"注", "项目", "文中", "精确值", "查询与字段"};
      for (int c = 0; c < head.length; c++) cell(table.getRow(0), c, head[c]);
      for (int i = 0; i < report.slots().size(); i++) {
        Slot s = report.slots().get(i);
        XWPFTableRow row = table.getRow(i + 1);
        cell(row, 0, String.valueOf(i + 1));
        cell(row, 1, s.label());
        cell(row, 2, s.display());
        cell(row, 3, ExactFigures.exact(s));
        cell(row, 4, s.query() + " → " + s.field());
      }
      run(body(doc), report.closing(), BODY_FONT, BODY_SIZE);
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A footnote for one reference to a slot (Word wants one footnote per reference, so a slot cited twice has two). */
  private static XWPFFootnote note(XWPFDocument doc, Report report, int slot) {
    Slot s = report.slots().get(slot);
    XWPFFootnote note = doc.createFootnote();
    XWPFParagraph p = note.createParagraph();
    note.ensureFootnoteRef(p);
    run(p, " " + s.label() + "：" + ExactFigures.exact(s) + "（文中“" + s.display() + "”）。来源：GET " + s.query() + " → "
        + s.field() + "，asOf " + s.asOf(), BODY_FONT, 10);
    return note;
  }

  private static XWPFParagraph body(XWPFDocument doc) {
    XWPFParagraph p = doc.createParagraph();
    p.setAlignment(ParagraphAlignment.BOTH);
    p.setIndentationFirstLine(BODY_SIZE * 20 * 2); // two characters, in twentieths of a point
    p.setSpacingBetween(28, org.apache.poi.xwpf.usermodel.LineSpacingRule.EXACT);
    return p;
  }

  private static XWPFRun run(XWPFParagraph p, String text, String font, int size) {
    XWPFRun r = p.createRun();
    r.setText(text);
    r.setFontSize(size);
    for (XWPFRun.FontCharRange range : XWPFRun.FontCharRange.values()) {
      r.setFontFamily(font, range);
    }
    return r;
  }

  private static void cell(XWPFTableRow row, int column, String text) {
    XWPFParagraph p = row.getCell(column).getParagraphs().get(0);
    run(p, text, BODY_FONT, 10);
  }

  /** A4 portrait with the margins of a government document (GB/T 9704). */
  private static void a4(XWPFDocument doc) {
    CTSectPr sect = doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr()
        : doc.getDocument().getBody().addNewSectPr();
    CTPageSz size = sect.isSetPgSz() ? sect.getPgSz() : sect.addNewPgSz();
    size.setW(BigInteger.valueOf(11906));
    size.setH(BigInteger.valueOf(16838));
    CTPageMar mar = sect.isSetPgMar() ? sect.getPgMar() : sect.addNewPgMar();
    mar.setTop(BigInteger.valueOf(2098)); // 3.7 cm
    mar.setBottom(BigInteger.valueOf(1984)); // 3.5 cm
    mar.setLeft(BigInteger.valueOf(1587)); // 2.8 cm
    mar.setRight(BigInteger.valueOf(1474)); // 2.6 cm
  }
}
