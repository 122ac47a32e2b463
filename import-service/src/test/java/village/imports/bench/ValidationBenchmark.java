package village.imports.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import village.imports.plan.CreditCodes;
import village.imports.plan.Plan;
import village.imports.plan.Register;
import village.imports.plan.Validator;
import village.imports.workbook.ParsedWorkbook;
import village.imports.workbook.WorkbookReader;
import village.imports.workbook.Workbooks;

/**
 * BENCHMARKS.md, issue 20: a 10,000-row workbook (28 villages, 300 organizations, 300 pairings, 5,000 needs of which
 * half resolved, 2,000 funds, 2,372 disbursements) read and validated. Run: {@code java -cp <test classpath>
 * village.imports.bench.ValidationBenchmark} (not a test: it is not named *Test).
 */
public final class ValidationBenchmark {
  public static void main(String[] args) {
    String t = "新镇";
    List<List<?>> villages = new ArrayList<>(), orgs = new ArrayList<>(), pairs = new ArrayList<>(), needs = new ArrayList<>(),
        funds = new ArrayList<>(), disb = new ArrayList<>();
    for (int v = 0; v < 28; v++) villages.add(List.of("B" + v, "村" + (char) ('甲' + v) + v, "VILLAGE", t, "县"));
    List<String> codes = new ArrayList<>();
    for (int o = 0; o < 300; o++) {
      String first = String.format("91510100MA%07d", o);
      String code = first + CreditCodes.checkCharacter(first);
      codes.add(code);
      orgs.add(List.of(code, "单位" + o + "号", "ENTERPRISE"));
      pairs.add(List.of(code, "B" + (o % 28), "2023-01-01"));
    }
    for (int n = 0; n < 5000; n++) {
      int o = n % 300;
      needs.add(n % 2 == 0 ? List.of("N" + n, "B" + (o % 28), "INDUSTRY", "需求" + n, "2023-06-01", codes.get(o))
          : List.of("N" + n, "B" + (o % 28), "INDUSTRY", "需求" + n));
    }
    for (int f = 0; f < 2000; f++) funds.add(List.of("F" + f, "FISCAL", "B" + (f % 28), 100000.5, "2023-02-01"));
    for (int d = 0; d < 2372; d++) disb.add(List.of("F" + (d % 2000), "30000.10", LocalDate.of(2023, 3, 1 + d % 28)));
    byte[] file = Workbooks.create()
        .sheet("villages", List.of("code", "name", "kind", "township", "county"), villages.toArray(List<?>[]::new))
        .sheet("organizations", List.of("creditCode", "name", "type"), orgs.toArray(List<?>[]::new))
        .sheet("partnerships", List.of("creditCode", "villageCode", "startDate"), pairs.toArray(List<?>[]::new))
        .sheet("needs", List.of("ref", "villageCode", "category", "title", "resolvedOn", "resolvedByCreditCode"), needs.toArray(List<?>[]::new))
        .sheet("funds", List.of("ref", "source", "villageCode", "committedAmount", "committedOn"), funds.toArray(List<?>[]::new))
        .sheet("disbursements", List.of("fundRef", "amount", "disbursedOn"), disb.toArray(List<?>[]::new))
        .bytes();
    if (args.length > 0) {
      try {
        java.nio.file.Files.write(java.nio.file.Path.of(args[0]), file);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      ParsedWorkbook wb = new WorkbookReader(10 << 20, 50_000).read(file, "bench.xlsx");
      long t1 = System.nanoTime();
      Plan plan = Validator.validate(wb, t, Register.empty(), LocalDate.of(2024, 1, 1));
      long t2 = System.nanoTime();
      System.out.printf("round %d: %d rows, %d bytes: read %.2f s, validated %.2f s, %d errors, %d writes planned%n", round,
          wb.rowCount(), file.length, (t1 - t0) / 1e9, (t2 - t1) / 1e9, plan.errors().size(), plan.ops().size());
    }
  }
}
