package village.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.junit.jupiter.api.Test;

class DocxReportTest {

  @Test
  void readsBackWithTheSameTextFontsA4AndOneFootnotePerReference() throws Exception {
    Report r = ReportDrafterTest.draft(TownshipFixture.model(), 2023, TownshipFixture.T);
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(DocxReport.render(r)))) {
      StringBuilder body = new StringBuilder();
      for (XWPFParagraph p : doc.getParagraphs()) {
        for (XWPFRun run : p.getRuns()) if (run.getCTR().sizeOfTArray() > 0) body.append(run.getText(0));
        body.append('\n');
      }
      for (Report.Section s : r.sections()) assertThat(body.toString()).contains(r.text(s));
      assertThat(body.toString()).contains(r.closing());
      var size = doc.getDocument().getBody().getSectPr().getPgSz();
      assertThat((BigInteger) size.getW()).isEqualTo(BigInteger.valueOf(11906));
      assertThat((BigInteger) size.getH()).isEqualTo(BigInteger.valueOf(16838));
      XWPFRun title = doc.getParagraphs().get(0).getRuns().get(0);
      assertThat(title.getFontFamily(XWPFRun.FontCharRange.eastAsia)).isEqualTo("黑体");
      for (XWPFParagraph p : doc.getParagraphs()) {
        if (!p.getText().startsWith("2023年，")) continue;
        assertThat(p.getRuns().get(0).getFontFamily(XWPFRun.FontCharRange.eastAsia)).isEqualTo("仿宋");
        assertThat(p.getRuns().get(0).getFontSizeAsDouble()).isEqualTo(16.0);
      }
      long references = r.sections().stream().flatMap(s -> s.pieces().stream()).mapToLong(p -> switch (p) {
        case Report.Figure f -> 1;
        case Report.Reference ref -> ref.slots().size();
        case Report.Text t -> 0;
      }).sum();
      long notes = doc.getFootnotes().stream().filter(n -> n.getParagraphs().stream().anyMatch(p -> p.getText().contains("来源：GET"))).count();
      assertThat(notes).isEqualTo(references);
    }
  }
}
