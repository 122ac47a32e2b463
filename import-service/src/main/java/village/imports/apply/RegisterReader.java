package village.imports.apply;

import static village.imports.apply.ServiceClient.enc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import village.contracts.Money;
import village.imports.plan.Register;
import village.imports.workbook.ParsedWorkbook;
import village.imports.workbook.WorkbookContract;

/**
 * Reads what the record holds for an import through the services' public lists, as the caller: every village and
 * organization, and for each village of the caller's township its pairings, needs, projects, funds and collective
 * income (those kept with a {@code ref} are found by it); the resources of the organizations the resources sheet names.
 */
public final class RegisterReader {
  private RegisterReader() {}

  public static Register read(Services s, String township, ParsedWorkbook wb) {
    Map<String, Register.Village> villages = new HashMap<>();
    for (JsonNode v : s.partnership().all("/api/villages")) {
      villages.put(v.path("code").asString(), new Register.Village(v.path("code").asString(), v.path("name").asString(),
          v.path("kind").asString(), v.path("township").asString(null), v.path("county").asString(null)));
    }
    Map<String, Register.Organization> organizations = new HashMap<>();
    for (JsonNode o : s.partnership().all("/api/organizations")) {
      String code = o.path("creditCode").asString(null);
      if (code != null) organizations.put(code, new Register.Organization(o.path("id").asString(), code, o.path("name").asString(), o.path("type").asString()));
    }
    List<Register.Partnership> partnerships = new ArrayList<>();
    Map<String, Register.Need> needs = new HashMap<>();
    Map<String, Register.Project> projects = new HashMap<>();
    Map<String, Register.Fund> funds = new HashMap<>();
    Map<String, Money> income = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (Register.Village v : villages.values()) {
      if (!township.equals(v.township())) continue;
      String code = enc(v.code());
      for (JsonNode p : s.partnership().all("/api/partnerships?villageCode=" + code)) {
        if (!seen.add("p" + p.path("id").asString())) continue;
        partnerships.add(new Register.Partnership(p.path("id").asString(), p.path("organizationId").asString(),
            p.path("villageCode").asString(), p.path("status").asString(), date(p.path("startDate")), date(p.path("endDate"))));
      }
      for (JsonNode n : s.partnership().all("/api/needs?villageCode=" + code)) {
        String ref = n.path("ref").asString(null);
        if (ref == null) continue;
        needs.put(ref, new Register.Need(n.path("id").asString(), ref, n.path("villageCode").asString(), n.path("category").asString(),
            n.path("title").asString(), n.path("status").asString()));
      }
      for (JsonNode p : s.project().all("/api/projects?villageCode=" + code)) {
        String ref = p.path("ref").asString(null);
        if (ref == null || !seen.add("pr" + p.path("id").asString())) continue;
        List<Register.Milestone> ms = new ArrayList<>();
        for (JsonNode m : p.path("milestones")) {
          ms.add(new Register.Milestone(m.path("id").asString(), m.path("title").asString(), date(m.path("dueDate")), date(m.path("completedOn"))));
        }
        projects.put(ref, new Register.Project(p.path("id").asString(), ref, p.path("name").asString(), p.path("industry").asString(),
            p.path("status").asString(), p.path("percentComplete").isNumber() ? p.path("percentComplete").asInt() : null, ms));
      }
      for (JsonNode f : s.funds().all("/api/funds?villageCode=" + code)) {
        String ref = f.path("ref").asString(null);
        if (ref == null || !seen.add("f" + f.path("id").asString())) continue;
        List<Register.Disbursement> ds = new ArrayList<>();
        for (JsonNode d : f.path("disbursements")) {
          ds.add(new Register.Disbursement(Money.ofYuan(d.path("amount").asString()), date(d.path("disbursedOn")), d.path("reversed").asBoolean()));
        }
        funds.put(ref, new Register.Fund(f.path("id").asString(), ref, f.path("source").asString(),
            Money.ofYuan(f.path("committedAmount").asString()), date(f.path("committedOn")), ds));
      }
      for (JsonNode i : s.funds().all("/api/collective-income?villageCode=" + code)) {
        income.put(Register.incomeKey(i.path("villageCode").asString(), i.path("year").asInt()), Money.ofYuan(i.path("amount").asString()));
      }
    }
    Map<String, Set<String>> resources = new HashMap<>();
    wb.sheet(WorkbookContract.RESOURCES).ifPresent(sheet -> {
      for (var row : sheet.rows()) {
        var c = row.cell("creditCode");
        Register.Organization org = c == null ? null : organizations.get(c.text());
        if (org == null || resources.containsKey(org.id())) continue;
        Set<String> offered = new HashSet<>();
        for (JsonNode r : s.partnership().all("/api/organizations/" + enc(org.id()) + "/resources")) {
          offered.add(Register.resourceKey(r.path("category").asString(), r.path("title").asString()));
        }
        resources.put(org.id(), offered);
      }
    });
    return new Register(villages, organizations, partnerships, needs, projects, funds, income, resources);
  }

  private static LocalDate date(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() || n.asString("").isEmpty() ? null : LocalDate.parse(n.asString());
  }
}
