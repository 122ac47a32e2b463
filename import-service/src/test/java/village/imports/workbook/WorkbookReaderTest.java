package village.imports.workbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import village.support.web.ProblemException;

class WorkbookReaderTest {
  static final List<String> INCOME = List.of("villageCode", "year", "amount");

  @Test
  void headersAreChineseLabelsOrEnglishKeysInAnyCase() {
    ParsedWorkbook wb = Workbooks.create()
        .sheet("INCOME", List.of("村代码", "YEAR", "收入（元） (amount)"), List.of("HQ001", 2023, "356000.10"))
        .sheet("村庄", List.of("Code", "name", "KIND", "township", "county"), List.of("HQ001", "红旗村", "village", "新镇", "某县"))
        .parsed();
    assertThat(wb.errors()).isEmpty();
    assertThat(wb.sheet(WorkbookContract.INCOME).orElseThrow().rows().getFirst().cell("amount").text()).isEqualTo("356000.10");
    assertThat(wb.sheet(WorkbookContract.VILLAGES).orElseThrow().rows().getFirst().cells()).containsKeys("code", "name", "kind");
  }

  @Test
  void theTemplatesOwnHeadersAndSheetNamesAreRead() {
    byte[] template = TemplateWorkbook.build("新镇", List.of("HQ001"));
    ParsedWorkbook wb = new WorkbookReader(10 << 20, 50_000).read(template, "template.xlsx");
    assertThat(wb.errors()).isEmpty();
    assertThat(wb.sheets()).hasSize(WorkbookContract.SHEETS.size());
    assertThat(wb.sheet(WorkbookContract.PROJECTS).orElseThrow().rows()).hasSize(1); // the example row
  }

  @Test
  void unknownColumnsAndSheetsAreErrorsAndMissingRequiredColumnsToo() {
    ParsedWorkbook wb = Workbooks.create()
        .sheet("income", List.of("villageCode", "year", "amount", "remarks"), List.of("HQ001", 2023, "1.00"))
        .sheet("budget", List.of("x"), List.of("1"))
        .sheet("villages", List.of("code", "name"), List.of("HQ001", "红旗村"))
        .parsed();
    assertThat(wb.errors()).extracting(RowError::sheet, RowError::row, RowError::value)
        .contains(org.assertj.core.groups.Tuple.tuple("income", 1, "remarks"), org.assertj.core.groups.Tuple.tuple("budget", 1, "budget"));
    assertThat(wb.errors()).filteredOn(e -> e.sheet().equals("villages")).extracting(RowError::column)
        .containsExactlyInAnyOrder("kind", "township", "county");
  }

  @Test
  void numbersAreReadExactlyAndDatesAsDateCellsOrText() {
    ParsedWorkbook wb = Workbooks.create()
        .sheet("disbursements", List.of("fundRef", "amount", "disbursedOn"),
            List.of("F1", 1234567.89, LocalDate.of(2023, 4, 1)), List.of("F1", "0.10", "2023-04-02"))
        .parsed();
    var rows = wb.sheet(WorkbookContract.DISBURSEMENTS).orElseThrow().rows();
    assertThat(rows.get(0).cell("amount").number()).isEqualByComparingTo(new BigDecimal("1234567.89"));
    assertThat(rows.get(0).cell("disbursedOn").date()).isEqualTo(LocalDate.of(2023, 4, 1));
    assertThat(rows.get(1).cell("disbursedOn").text()).isEqualTo("2023-04-02");
    assertThat(rows.get(1).cell("amount").number()).isNull();
  }

  @Test
  void aFormulaWithoutAStoredResultIsACellError() {
    ParsedWorkbook wb = Workbooks.create()
        .sheet("income", INCOME, List.of("HQ001", 2023, new village.devstack.XlsxFiles.Formula("1+1"))).parsed();
    assertThat(wb.errors()).singleElement().satisfies(e -> {
      assertThat(e.row()).isEqualTo(2);
      assertThat(e.column()).isEqualTo("amount");
      assertThat(e.message()).contains("formula");
    });
  }

  @Test
  void hostileFilesAreRefusedWithProblems() throws Exception {
    WorkbookReader reader = new WorkbookReader(64 * 1024, 3);
    byte[] ok = Workbooks.create().sheet("income", INCOME, List.of("HQ001", 2023, "1.00")).bytes();
    assertThat(status(() -> reader.read(new byte[70 * 1024], "big.xlsx"))).isEqualTo(413);
    assertThat(status(() -> reader.read("hello".getBytes(StandardCharsets.UTF_8), "x.xlsx"))).isEqualTo(415);
    assertThat(status(() -> reader.read(ok, "macros.xlsm"))).isEqualTo(415);
    assertThat(status(() -> reader.read(new byte[] {'P', 'K', 3, 4, 0, 0, 0}, "broken.xlsx"))).isEqualTo(400);
    byte[] many = Workbooks.create().sheet("income", INCOME, List.of("A", 1, "1"), List.of("A", 2, "1"), List.of("A", 3, "1"),
        List.of("A", 4, "1")).bytes();
    assertThat(status(() -> reader.read(many, "many.xlsx"))).isEqualTo(413);
    byte[] sneaky = withEntry(ok, "xl/vbaProject.bin", new byte[10]); // a part the package does not declare
    assertThat(status(() -> reader.read(sneaky, "sneaky.xlsx"))).isBetween(400, 415);
    String types = new String(entry(ok, "[Content_Types].xml"), StandardCharsets.UTF_8).replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml");
    byte[] renamedXlsm = replaceEntry(ok, "[Content_Types].xml", types.getBytes(StandardCharsets.UTF_8));
    assertThat(status(() -> reader.read(renamedXlsm, "renamed.xlsx"))).isEqualTo(415);
  }

  @Test
  void aZipBombIsRefused() throws Exception {
    byte[] ok = Workbooks.create().sheet("income", INCOME, List.of("HQ001", 2023, "1.00")).bytes();
    byte[] zeros = new byte[60 * 1024 * 1024];
    byte[] bomb = replaceEntry(ok, "xl/worksheets/sheet1.xml", zeros);
    assertThat(bomb.length).isLessThan(1024 * 1024);
    assertThat(status(() -> new WorkbookReader(10 << 20, 50_000).read(bomb, "bomb.xlsx"))).isEqualTo(400);
  }

  @Test
  void externalEntitiesAreNotRead() throws Exception {
    byte[] ok = Workbooks.create().sheet("income", INCOME, List.of("HQ001", 2023, "1.00")).bytes();
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">"
        + "<c r=\"A1\" t=\"inlineStr\"><is><t>&e;</t></is></c></row></sheetData></worksheet>";
    byte[] evil = replaceEntry(ok, "xl/worksheets/sheet1.xml", xxe.getBytes(StandardCharsets.UTF_8));
    ProblemException p = problem(() -> new WorkbookReader(10 << 20, 50_000).read(evil, "xxe.xlsx"));
    assertThat(p.status().value()).isEqualTo(400);
  }

  static int status(Runnable r) {
    return problem(r).status().value();
  }

  static ProblemException problem(Runnable r) {
    try {
      r.run();
    } catch (ProblemException e) {
      return e;
    }
    throw new AssertionError("no problem raised");
  }

  static byte[] entry(byte[] zip, String name) throws Exception {
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) if (e.getName().equals(name)) return in.readAllBytes();
    }
    throw new AssertionError(name);
  }

  static byte[] withEntry(byte[] zip, String name, byte[] content) throws Exception {
    return rewrite(zip, name, content, true);
  }

  static byte[] replaceEntry(byte[] zip, String name, byte[] content) throws Exception {
    return rewrite(zip, name, content, false);
  }

  private static byte[] rewrite(byte[] zip, String name, byte[] content, boolean add) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip)); ZipOutputStream z = new ZipOutputStream(out)) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        z.putNextEntry(new ZipEntry(e.getName()));
        z.write(!add && e.getName().equals(name) ? content : in.readAllBytes());
        z.closeEntry();
      }
      if (add) {
        z.putNextEntry(new ZipEntry(name));
        z.write(content);
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }
}
