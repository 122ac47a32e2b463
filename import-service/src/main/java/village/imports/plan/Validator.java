package village.imports.plan;

import static village.imports.workbook.WorkbookContract.DISBURSEMENTS;
import static village.imports.workbook.WorkbookContract.FUNDS;
import static village.imports.workbook.WorkbookContract.INCOME;
import static village.imports.workbook.WorkbookContract.MILESTONES;
import static village.imports.workbook.WorkbookContract.NEEDS;
import static village.imports.workbook.WorkbookContract.ORGANIZATIONS;
import static village.imports.workbook.WorkbookContract.PARTNERSHIPS;
import static village.imports.workbook.WorkbookContract.PROJECTS;
import static village.imports.workbook.WorkbookContract.RESOURCES;
import static village.imports.workbook.WorkbookContract.VILLAGES;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import village.contracts.Money;
import village.imports.plan.Op.Kind;
import village.imports.workbook.ParsedWorkbook;
import village.imports.workbook.RowError;
import village.imports.workbook.SheetRows;
import village.imports.workbook.SheetSpec;

/**
 * Checks every row of a workbook against the contract, the rest of the file and the record (the {@link Register}),
 * before anything is written, and plans the writes: shapes (required cells, codes, dates, exact money), references
 * inside the file and to what exists (villages by code and of the caller's township, organizations by credit code,
 * projects, needs and funds by ref), credit codes, state moves (a project's status reached through the allowed
 * transitions), a disbursement over its fund's commitment, a need resolved through an organization that is not paired
 * with its village, and names written slightly differently from the register. A row is planned only when it is valid,
 * and a row referring to one that is not fails too, so {@code onError=skip} applies exactly the valid rows.
 */
public final class Validator {
  private static final String UNCHANGED_REGISTER = "an import does not change the register: correct the row";
  private final String township;
  private final Register register;
  private final LocalDate today;
  private final List<RowError> errors = new ArrayList<>();
  private final List<Plan.Change> changes = new ArrayList<>();
  private final Map<String, List<Op>> opsBySheet = new LinkedHashMap<>();
  private final Map<String, int[]> summary = new LinkedHashMap<>();

  // what the file adds, by key, once its row is valid; and the keys of rows that are not
  private final Map<String, Register.Village> fileVillages = new HashMap<>();
  private final Set<String> fileOrganizations = new HashSet<>();
  private final Map<String, LocalDate> filePairings = new HashMap<>(); // creditCode|village -> start
  private final Map<String, Set<String>> fileProjects = new HashMap<>(); // ref -> village codes
  private final Map<String, List<Map<String, Object>>> newMilestones = new HashMap<>();
  private final Map<String, FundState> fileFunds = new HashMap<>();
  private final Set<String> badKeys = new HashSet<>();

  private Validator(String township, Register register, LocalDate today) {
    this.township = township;
    this.register = register;
    this.today = today;
  }

  /** Validates {@code wb} for a TOWNSHIP of {@code township} against {@code register}; {@code today} dates progress reports. */
  public static Plan validate(ParsedWorkbook wb, String township, Register register, LocalDate today) {
    Validator v = new Validator(township, register, today);
    v.errors.addAll(wb.errors());
    v.run(wb);
    return v.plan();
  }

  private record FundState(Money committed, Money disbursed, List<Register.Disbursement> existing, Set<String> villages) {}

  private void run(ParsedWorkbook wb) {
    wb.sheet(VILLAGES).ifPresent(s -> each(s, this::village));
    wb.sheet(ORGANIZATIONS).ifPresent(s -> each(s, this::organization));
    wb.sheet(RESOURCES).ifPresent(s -> each(s, this::resource));
    wb.sheet(PARTNERSHIPS).ifPresent(s -> each(s, this::partnership));
    wb.sheet(PROJECTS).ifPresent(s -> each(s, this::project));
    wb.sheet(MILESTONES).ifPresent(s -> each(s, this::milestone));
    wb.sheet(NEEDS).ifPresent(s -> each(s, this::need));
    wb.sheet(FUNDS).ifPresent(s -> each(s, this::fund));
    wb.sheet(DISBURSEMENTS).ifPresent(s -> each(s, this::disbursement));
    wb.sheet(INCOME).ifPresent(s -> each(s, this::income));
    // a row failed by a later check (e.g. a milestone's) is counted once
  }

  private interface RowCheck {
    void check(Cells c, String sheet);
  }

  private void each(SheetRows s, RowCheck check) {
    summary.putIfAbsent(s.spec().key(), new int[4]);
    Set<Integer> rowsWithShapeErrors = new HashSet<>();
    for (RowError e : errors) if (e.sheet().equals(s.name()) && e.row() > 1) rowsWithShapeErrors.add(e.row());
    for (SheetRows.RowData row : s.rows()) {
      int before = errors.size();
      Cells c = new Cells(s.name(), s.spec(), row, errors);
      int changesBefore = changes.size();
      check.check(c, s.name());
      boolean failed = errors.size() > before || rowsWithShapeErrors.contains(row.number());
      if (failed) {
        // drop what the row planned: it is not applied
        while (changes.size() > changesBefore) changes.removeLast();
        List<Op> ops = opsBySheet.getOrDefault(s.spec().key(), new ArrayList<>());
        ops.removeIf(o -> o.row() == row.number() && o.sheet().equals(s.name()));
        changes.add(new Plan.Change(s.name(), row.number(), "FAILED", null));
        summary.get(s.spec().key())[3]++;
      } else {
        for (int i = changesBefore; i < changes.size(); i++) {
          switch (changes.get(i).action()) {
            case "CREATE" -> summary.get(s.spec().key())[0]++;
            case "UPDATE" -> summary.get(s.spec().key())[1]++;
            default -> summary.get(s.spec().key())[2]++;
          }
        }
      }
    }
  }

  private void change(Cells c, String sheet, String action, String detail) {
    changes.add(new Plan.Change(sheet, c.row(), action, detail));
  }

  private void op(SheetSpec spec, Cells c, String sheet, Kind kind, String naturalKey, Map<String, Object> body, Map<String, String> refs) {
    opsBySheet.computeIfAbsent(spec.key(), k -> new ArrayList<>()).add(new Op(kind, sheet, c.row(), naturalKey, body, refs));
  }

  private Plan plan() {
    List<Op> ordered = new ArrayList<>();
    Map<Kind, Integer> phase = Map.ofEntries(Map.entry(Kind.REGISTER_VILLAGE, 0), Map.entry(Kind.REGISTER_ORGANIZATION, 1),
        Map.entry(Kind.OFFER_RESOURCE, 2), Map.entry(Kind.REGISTER_PARTNERSHIP, 3), Map.entry(Kind.REGISTER_PROJECT, 4),
        Map.entry(Kind.CHANGE_PROJECT_STATUS, 5), Map.entry(Kind.REPORT_PROGRESS, 5), Map.entry(Kind.COMPLETE_MILESTONE, 6),
        Map.entry(Kind.POST_NEED, 7), Map.entry(Kind.RESOLVE_NEED, 8), Map.entry(Kind.END_PARTNERSHIP, 9),
        Map.entry(Kind.COMMIT_FUND, 10), Map.entry(Kind.DISBURSE, 11), Map.entry(Kind.REPORT_INCOME, 12));
    for (List<Op> ops : opsBySheet.values()) {
      for (Op o : ops) {
        if (o.kind() == Kind.REGISTER_PROJECT && !newMilestones.getOrDefault(o.ref("project"), List.of()).isEmpty()) {
          // a new project is registered with the milestones of the milestones sheet's valid rows
          Map<String, Object> body = new LinkedHashMap<>(o.body());
          body.put("milestones", List.copyOf(newMilestones.get(o.ref("project"))));
          o = new Op(o.kind(), o.sheet(), o.row(), o.naturalKey(), body, o.refs());
        }
        ordered.add(o);
      }
    }
    // stable: within a phase the file's order (a project's status moves stay in sequence)
    List<Op> sorted = new ArrayList<>(ordered);
    sorted.sort((a, b) -> Integer.compare(phase.get(a.kind()), phase.get(b.kind())));
    Map<String, Plan.SheetSummary> sums = new LinkedHashMap<>();
    summary.forEach((k, v) -> sums.put(k, new Plan.SheetSummary(v[0], v[1], v[2], v[3])));
    return new Plan(errors, changes, sorted, sums);
  }

  // ------------------------------------------------------------------------------------------------ villages

  /** A village known to the file or the register, checked to be of the caller's township; null (and an error) if not. */
  private Register.Village village(Cells c, String key, String code) {
    if (code == null) return null;
    Register.Village v = fileVillages.get(code);
    if (v == null) v = register.villages().get(code);
    if (v == null) {
      c.error(key, badKeys.contains("village:" + code) ? "village " + code + " is not in the register and its row in the villages sheet has errors"
          : "unknown village " + code + ": neither in the register nor in the villages sheet");
      return null;
    }
    if (!township.equals(v.township())) {
      c.error(key, "village " + code + " is in township " + v.township() + "; a TOWNSHIP of " + township + " writes only its own villages");
      return null;
    }
    return v;
  }

  private void village(Cells c, String sheet) {
    String code = c.code("code");
    String name = c.text("name");
    String kind = c.oneOf("kind");
    String t = c.text("township");
    String county = c.text("county");
    if (t != null && !t.equals(township)) c.error("township", "the token is for township " + township + "; this row is of " + t);
    if (code != null && fileVillages.containsKey(code)) c.error("code", "village " + code + " appears twice in the sheet");
    if (!c.ok()) {
      if (code != null) badKeys.add("village:" + code);
      return;
    }
    Register.Village existing = register.villages().get(code);
    Register.Village row = new Register.Village(code, name, kind, t, county);
    if (existing != null) {
      if (new OnRecord().text("name", existing.name(), name).value("kind", existing.kind(), kind)
          .value("township", existing.township(), t).value("county", existing.county(), county)
          .reported(c, "village " + code, "registered differently", UNCHANGED_REGISTER, "code", Set.of("name"))) {
        badKeys.add("village:" + code);
        return;
      }
      fileVillages.put(code, existing);
      change(c, sheet, "UNCHANGED", null);
      return;
    }
    var like = NearMatches.likely(name, register.villages().values().stream().filter(v -> township.equals(v.township())).toList(),
        Register.Village::name);
    if (like.isPresent()) {
      c.error("name", "'" + name + "' looks like " + like.get().name() + " (code " + like.get().code()
          + ") in the register; use that code, or name the new village so it cannot be taken for it");
      badKeys.add("village:" + code);
      return;
    }
    fileVillages.put(code, row);
    change(c, sheet, "CREATE", null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("name", name);
    body.put("kind", kind);
    body.put("township", t);
    body.put("county", county);
    op(VILLAGES, c, sheet, Kind.REGISTER_VILLAGE, code, body, Map.of("village", code));
  }

  // ------------------------------------------------------------------------------------------------ organizations

  private boolean organizationKnown(Cells c, String key, String creditCode) {
    if (creditCode == null) return false;
    String problem = CreditCodes.problem(creditCode);
    if (problem != null) {
      c.error(key, "not a valid unified social credit code: " + problem);
      return false;
    }
    if (fileOrganizations.contains(creditCode) || register.organizations().containsKey(creditCode)) return true;
    c.error(key, badKeys.contains("org:" + creditCode) ? "organization " + creditCode + " is not registered and its row in the organizations sheet has errors"
        : "no organization with credit code " + creditCode + ": neither registered nor in the organizations sheet");
    return false;
  }

  private void organization(Cells c, String sheet) {
    String code = c.text("creditCode");
    String name = c.text("name");
    String type = c.oneOf("type");
    String contactName = c.text("contactName");
    String contactPhone = c.text("contactPhone", 40);
    if (code != null) {
      String problem = CreditCodes.problem(code);
      if (problem != null) c.error("creditCode", "not a valid unified social credit code: " + problem);
      else if (fileOrganizations.contains(code)) c.error("creditCode", "credit code " + code + " appears twice in the sheet");
    }
    if (!c.ok()) {
      if (code != null) badKeys.add("org:" + code);
      return;
    }
    Register.Organization existing = register.organizations().get(code);
    if (existing != null) {
      if (new OnRecord().text("name", existing.name(), name).value("type", existing.type(), type)
          .reported(c, "organization " + code, "registered differently", UNCHANGED_REGISTER, "type", Set.of("name"))) {
        badKeys.add("org:" + code);
        return;
      }
      fileOrganizations.add(code);
      change(c, sheet, "UNCHANGED", null);
      return;
    }
    var like = NearMatches.likely(name, register.organizations().values(), Register.Organization::name);
    if (like.isEmpty()) {
      like = register.organizations().values().stream().filter(o -> o.name().equals(name)).findFirst();
    }
    if (like.isPresent()) {
      c.error("name", "'" + name + "' looks like " + like.get().name() + " (credit code " + like.get().creditCode()
          + ") in the register; use that credit code, or correct the name");
      badKeys.add("org:" + code);
      return;
    }
    fileOrganizations.add(code);
    change(c, sheet, "CREATE", null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("type", type);
    body.put("creditCode", code);
    if (contactName != null || contactPhone != null) {
      Map<String, Object> contact = new LinkedHashMap<>();
      contact.put("name", contactName);
      contact.put("phone", contactPhone);
      body.put("contact", contact);
    }
    op(ORGANIZATIONS, c, sheet, Kind.REGISTER_ORGANIZATION, code, body, Map.of("organization", code));
  }

  private void resource(Cells c, String sheet) {
    String code = c.text("creditCode");
    String category = c.oneOf("category");
    String title = c.text("title");
    String description = c.text("description", Cells.MAX_LONG_TEXT);
    boolean known = organizationKnown(c, "creditCode", code);
    if (!c.ok() || !known) return;
    Register.Organization org = register.organizations().get(code);
    Set<String> offered = org == null ? Set.of() : register.resources().getOrDefault(org.id(), Set.of());
    if (offered.contains(Register.resourceKey(category, title))) {
      change(c, sheet, "UNCHANGED", null);
      return;
    }
    change(c, sheet, "CREATE", null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("category", category);
    body.put("title", title);
    if (description != null) body.put("description", description);
    op(RESOURCES, c, sheet, Kind.OFFER_RESOURCE, code + "|" + category + "|" + title, body, Map.of("organization", code));
  }

  // ------------------------------------------------------------------------------------------------ partnerships

  private static String pair(String creditCode, String villageCode) {
    return creditCode + "|" + villageCode;
  }

  private void partnership(Cells c, String sheet) {
    String code = c.text("creditCode");
    String villageCode = c.code("villageCode");
    LocalDate start = c.date("startDate");
    List<String> focus = c.list("focus");
    String note = c.text("note", Cells.MAX_LONG_TEXT);
    LocalDate end = c.date("endDate");
    String endReason = c.text("endReason", Cells.MAX_LONG_TEXT);
    boolean known = organizationKnown(c, "creditCode", code);
    Register.Village v = village(c, "villageCode", villageCode);
    if ((end == null) != (endReason == null) && c.ok()) {
      c.error(end == null ? "endDate" : "endReason", "endDate and endReason go together: both set end the pairing");
    }
    if (start != null && end != null && end.isBefore(start)) c.error("endDate", "is before the startDate " + start);
    if (known && villageCode != null && filePairings.containsKey(pair(code, villageCode))) {
      c.error("villageCode", "the pairing of " + code + " with " + villageCode + " appears twice in the sheet");
    }
    if (!c.ok() || !known || v == null) {
      if (code != null && villageCode != null) badKeys.add("pair:" + pair(code, villageCode));
      return;
    }
    Register.Organization org = register.organizations().get(code);
    List<Register.Partnership> existing = org == null ? List.of() : register.partnerships().stream()
        .filter(p -> p.organizationId().equals(org.id()) && p.villageCode().equals(villageCode)).toList();
    var active = existing.stream().filter(Register.Partnership::active).findFirst();
    var endedSame = existing.stream().filter(p -> !p.active() && Objects.equals(p.startDate(), start)).findFirst();
    Map<String, String> refs = Map.of("organization", code, "village", villageCode);
    filePairings.put(pair(code, villageCode), start);
    if (active.isPresent()) {
      if (end == null) {
        change(c, sheet, "UNCHANGED", null);
      } else {
        change(c, sheet, "UPDATE", "ends on " + end);
        op(PARTNERSHIPS, c, sheet, Kind.END_PARTNERSHIP, pair(code, villageCode), Map.of("endDate", end.toString(), "reason", endReason), refs);
      }
      filePairings.put(pair(code, villageCode), active.get().startDate());
      return;
    }
    if (endedSame.isPresent() && end != null) {
      change(c, sheet, "UNCHANGED", null);
      return;
    }
    change(c, sheet, "CREATE", end == null ? null : "and ends on " + end);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("villageCode", villageCode);
    body.put("startDate", start.toString());
    if (!focus.isEmpty()) body.put("focus", focus);
    if (note != null) body.put("note", note);
    op(PARTNERSHIPS, c, sheet, Kind.REGISTER_PARTNERSHIP, pair(code, villageCode) + "|" + start, body, refs);
    if (end != null) {
      op(PARTNERSHIPS, c, sheet, Kind.END_PARTNERSHIP, pair(code, villageCode), Map.of("endDate", end.toString(), "reason", endReason), refs);
    }
  }

  // ------------------------------------------------------------------------------------------------ projects

  private void project(Cells c, String sheet) {
    String ref = c.code("ref");
    String name = c.text("name");
    String industry = c.oneOf("industry");
    List<String> villageCodes = c.list("villageCodes");
    String lead = c.text("leadCreditCode");
    BigDecimal quantity = c.decimal("quantity");
    String unit = c.oneOf("unit");
    Money investment = c.money("plannedInvestment");
    LocalDate start = c.date("startDate");
    LocalDate end = c.date("endDate");
    String status = c.has("status") ? c.oneOf("status") : "PLANNED";
    Integer percent = c.integer("percentComplete");
    for (String code : villageCodes) village(c, "villageCodes", code);
    if (lead != null) organizationKnown(c, "leadCreditCode", lead);
    if (quantity != null && quantity.signum() <= 0) c.error("quantity", "must be more than 0");
    if (investment != null && investment.isNegative()) c.error("plannedInvestment", "must not be negative");
    if (start != null && end != null && end.isBefore(start)) c.error("endDate", "is before the startDate " + start);
    if (percent != null && (percent < 0 || percent > 100)) c.error("percentComplete", "must be between 0 and 100");
    if (ref != null && fileProjects.containsKey(ref)) c.error("ref", "project " + ref + " appears twice in the sheet");
    if (!c.ok()) {
      if (ref != null) badKeys.add("project:" + ref);
      return;
    }
    Register.Project existing = register.projects().get(ref);
    String from = existing == null ? "PLANNED" : existing.status();
    List<String> path = ProjectMoves.path(from, status);
    if (path == null) {
      c.error("status", "cannot go from " + from + " to " + status + ": the allowed moves are PLANNED→APPROVED→IN_PROGRESS→COMPLETED, "
          + "to SUSPENDED from PLANNED/APPROVED/IN_PROGRESS, SUSPENDED→IN_PROGRESS, and to CANCELLED from any that is not over");
      badKeys.add("project:" + ref);
      return;
    }
    boolean progress = percent != null && (existing == null || !percent.equals(existing.percentComplete()));
    if (progress && !path.contains("IN_PROGRESS") && !(existing != null && "IN_PROGRESS".equals(existing.status()) && path.isEmpty())
        && !(existing != null && "IN_PROGRESS".equals(existing.status()))) {
      c.error("percentComplete", "progress is reported while a project is IN_PROGRESS; status " + status + " does not pass through it");
      badKeys.add("project:" + ref);
      return;
    }
    if (existing != null) {
      if (new OnRecord().text("name", existing.name(), name).value("industry", existing.industry(), industry)
          .reported(c, "project " + ref, "registered differently", "an import changes only a project's status, progress and milestones",
              "name", Set.of())) {
        badKeys.add("project:" + ref);
        return;
      }
    }
    fileProjects.put(ref, new HashSet<>(villageCodes));
    Map<String, String> refs = new LinkedHashMap<>();
    refs.put("project", ref);
    if (existing == null) {
      change(c, sheet, "CREATE", path.isEmpty() ? null : "then " + String.join(" → ", path));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("industry", industry);
      body.put("villageCodes", villageCodes);
      body.put("scale", Map.of("quantity", quantity, "unit", unit));
      body.put("plannedInvestment", investment.toYuanString());
      body.put("startDate", start.toString());
      if (end != null) body.put("endDate", end.toString());
      body.put("ref", ref);
      Map<String, String> createRefs = new LinkedHashMap<>(refs);
      if (lead != null) createRefs.put("lead", lead);
      op(PROJECTS, c, sheet, Kind.REGISTER_PROJECT, ref, body, createRefs);
      newMilestones.put(ref, new ArrayList<>());
    } else if (path.isEmpty() && !progress) {
      change(c, sheet, "UNCHANGED", null);
      return;
    } else {
      change(c, sheet, "UPDATE", (path.isEmpty() ? "" : "status " + from + " → " + String.join(" → ", path))
          + (progress ? (path.isEmpty() ? "" : ", ") + "progress " + existing.percentComplete() + " → " + percent + " %" : ""));
    }
    boolean reported = false;
    if (progress && existing != null && "IN_PROGRESS".equals(existing.status())) {
      op(PROJECTS, c, sheet, Kind.REPORT_PROGRESS, ref + "|" + percent, Map.of("percentComplete", percent, "reportedOn", today.toString()),
          Map.of("project", ref, "percent", String.valueOf(percent)));
      reported = true;
    }
    for (String s : path) {
      op(PROJECTS, c, sheet, Kind.CHANGE_PROJECT_STATUS, ref + "|" + s, Map.of("status", s, "reason", "import"), Map.of("project", ref, "status", s));
      if (s.equals("IN_PROGRESS") && progress && !reported) {
        op(PROJECTS, c, sheet, Kind.REPORT_PROGRESS, ref + "|" + percent, Map.of("percentComplete", percent, "reportedOn", today.toString()),
            Map.of("project", ref, "percent", String.valueOf(percent)));
        reported = true;
      }
    }
  }

  private void milestone(Cells c, String sheet) {
    String ref = c.code("projectRef");
    String title = c.text("title");
    LocalDate due = c.date("dueDate");
    LocalDate completed = c.date("completedOn");
    if (ref != null && !fileProjects.containsKey(ref) && !register.projects().containsKey(ref)) {
      c.error("projectRef", badKeys.contains("project:" + ref) ? "project " + ref + " is not on record and its row in the projects sheet has errors"
          : "unknown project " + ref + ": neither on record nor in the projects sheet");
    }
    if (!c.ok()) return;
    Register.Project existing = register.projects().get(ref);
    Map<String, String> refs = Map.of("project", ref, "milestone", title);
    if (existing == null) {
      List<Map<String, Object>> ms = newMilestones.get(ref);
      if (ms.stream().anyMatch(m -> m.get("title").equals(title))) {
        c.error("title", "project " + ref + " has a milestone '" + title + "' already in this sheet");
        return;
      }
      ms.add(Map.of("title", title, "dueDate", due.toString()));
      change(c, sheet, "CREATE", completed == null ? null : "completed on " + completed);
      // the milestone travels with the project's registration (see plan()); completing it is a write of its own
      if (completed != null) {
        op(MILESTONES, c, sheet, Kind.COMPLETE_MILESTONE, ref + "|" + title, Map.of("completedOn", completed.toString()), refs);
      }
      return;
    }
    var m = existing.milestones().stream().filter(x -> x.title().equals(title)).findFirst();
    if (m.isEmpty()) {
      c.error("title", "project " + ref + " is on record without a milestone '" + title + "'; an import adds milestones only to a new project");
      return;
    }
    if (completed == null || m.get().completedOn() != null) {
      change(c, sheet, "UNCHANGED", null);
      return;
    }
    if ("CANCELLED".equals(existing.status())) {
      c.error("completedOn", "project " + ref + " is CANCELLED; its milestones cannot be completed");
      return;
    }
    change(c, sheet, "UPDATE", "completed on " + completed);
    op(MILESTONES, c, sheet, Kind.COMPLETE_MILESTONE, ref + "|" + title, Map.of("completedOn", completed.toString()), refs);
  }

  // ------------------------------------------------------------------------------------------------ needs

  private void need(Cells c, String sheet) {
    String ref = c.code("ref");
    String villageCode = c.code("villageCode");
    String category = c.oneOf("category");
    String title = c.text("title");
    String description = c.text("description", Cells.MAX_LONG_TEXT);
    LocalDate resolvedOn = c.date("resolvedOn");
    String by = c.text("resolvedByCreditCode");
    Register.Village v = village(c, "villageCode", villageCode);
    if ((resolvedOn == null) != (by == null) && c.ok()) {
      c.error(resolvedOn == null ? "resolvedOn" : "resolvedByCreditCode", "resolvedOn and resolvedByCreditCode go together: both set resolve the need");
    }
    if (ref != null && badKeys.contains("need:" + ref)) c.error("ref", "need " + ref + " appears twice in the sheet");
    if (by != null && organizationKnown(c, "resolvedByCreditCode", by) && villageCode != null && v != null) {
      LocalDate pairedSince = pairedSince(by, villageCode);
      if (pairedSince == null) {
        c.error("resolvedByCreditCode", "organization " + by + " is not paired with village " + villageCode
            + ": a need is resolved through the organization's pairing with its village");
      } else if (resolvedOn != null && pairedSince != null && resolvedOn.isBefore(pairedSince)) {
        c.error("resolvedOn", "is before the pairing of " + by + " with " + villageCode + " began (" + pairedSince + ")");
      }
    }
    if (ref != null) badKeys.add("need:" + ref); // marks the ref as seen (a second row with it is an error)
    if (!c.ok() || v == null) return;
    Register.Need existing = register.needs().get(ref);
    Map<String, String> refs = new LinkedHashMap<>();
    refs.put("need", ref);
    refs.put("village", villageCode);
    if (by != null) refs.put("organization", by);
    if (existing != null) {
      if (new OnRecord().value("village", existing.villageCode(), villageCode).value("category", existing.category(), category)
          .text("title", existing.title(), title)
          .reported(c, "need " + ref, "on record differently", "an import only resolves needs", "title", Set.of())) {
        return;
      }
      if (resolvedOn == null || "RESOLVED".equals(existing.status())) {
        change(c, sheet, "UNCHANGED", null);
        return;
      }
      change(c, sheet, "UPDATE", "resolved on " + resolvedOn);
      op(NEEDS, c, sheet, Kind.RESOLVE_NEED, ref, Map.of("resolvedOn", resolvedOn.toString(), "note", "import"), refs);
      return;
    }
    change(c, sheet, resolvedOn == null ? "CREATE" : "CREATE", resolvedOn == null ? null : "resolved on " + resolvedOn);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("villageCode", villageCode);
    body.put("category", category);
    body.put("title", title);
    if (description != null) body.put("description", description);
    body.put("ref", ref);
    op(NEEDS, c, sheet, Kind.POST_NEED, ref, body, refs);
    if (resolvedOn != null) op(NEEDS, c, sheet, Kind.RESOLVE_NEED, ref, Map.of("resolvedOn", resolvedOn.toString(), "note", "import"), refs);
  }

  /** The start of the ACTIVE pairing of the organization with the village, in the file or on record; null if none. */
  private LocalDate pairedSince(String creditCode, String villageCode) {
    if (filePairings.containsKey(pair(creditCode, villageCode))) return filePairings.get(pair(creditCode, villageCode));
    Register.Organization org = register.organizations().get(creditCode);
    if (org == null) return null;
    return register.partnerships().stream()
        .filter(p -> p.active() && p.organizationId().equals(org.id()) && p.villageCode().equals(villageCode))
        .map(p -> p.startDate() == null ? LocalDate.MIN : p.startDate()).findFirst().orElse(null);
  }

  // ------------------------------------------------------------------------------------------------ funds

  private void fund(Cells c, String sheet) {
    String ref = c.code("ref");
    String source = c.oneOf("source");
    String investor = c.text("investorCreditCode");
    String projectRef = c.code("projectRef");
    String villageCode = c.code("villageCode");
    Money committed = c.money("committedAmount");
    LocalDate on = c.date("committedOn");
    if (investor != null) organizationKnown(c, "investorCreditCode", investor);
    else if ("SOCIAL_CAPITAL".equals(source)) c.error("investorCreditCode", "social capital (SOCIAL_CAPITAL) needs its investor's credit code");
    Set<String> projectVillages = null;
    if (projectRef != null) {
      if (fileProjects.containsKey(projectRef)) projectVillages = fileProjects.get(projectRef);
      else if (register.projects().containsKey(projectRef)) projectVillages = null;
      else c.error("projectRef", badKeys.contains("project:" + projectRef) ? "project " + projectRef + " is not on record and its row in the projects sheet has errors"
          : "unknown project " + projectRef + ": neither on record nor in the projects sheet");
    }
    if (villageCode != null) {
      village(c, "villageCode", villageCode);
      if (projectVillages != null && !projectVillages.contains(villageCode)) {
        c.error("villageCode", "village " + villageCode + " is not one of project " + projectRef + "'s villages " + projectVillages);
      }
    }
    if (projectRef == null && villageCode == null && c.ok()) c.error("villageCode", "a fund is for a project (projectRef) or a village (villageCode)");
    if (committed != null && !committed.isPositive()) c.error("committedAmount", "must be more than 0");
    if (ref != null && (fileFunds.containsKey(ref) || badKeys.contains("fund:" + ref))) c.error("ref", "fund " + ref + " appears twice in the sheet");
    if (!c.ok()) {
      if (ref != null) badKeys.add("fund:" + ref);
      return;
    }
    Register.Fund existing = register.funds().get(ref);
    if (existing != null) {
      if (new OnRecord().value("source", existing.source(), source)
          .value("committedAmount", existing.committed(), committed, existing.committed().toYuanString())
          .value("committedOn", existing.committedOn(), on)
          .reported(c, "fund " + ref, "on record differently", "an import does not change a commitment", "ref", Set.of("committedAmount"))) {
        badKeys.add("fund:" + ref);
        return;
      }
      Money paid = Money.ZERO;
      for (var d : existing.disbursements()) if (!d.reversed()) paid = paid.plus(d.amount());
      fileFunds.put(ref, new FundState(existing.committed(), paid, new ArrayList<>(existing.disbursements()), Set.of()));
      change(c, sheet, "UNCHANGED", null);
      return;
    }
    fileFunds.put(ref, new FundState(committed, Money.ZERO, new ArrayList<>(), Set.of()));
    change(c, sheet, "CREATE", null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("source", source);
    if (villageCode != null) body.put("villageCode", villageCode);
    body.put("committedAmount", committed.toYuanString());
    body.put("committedOn", on.toString());
    body.put("ref", ref);
    Map<String, String> refs = new LinkedHashMap<>();
    refs.put("fund", ref);
    if (investor != null) refs.put("investor", investor);
    if (projectRef != null) refs.put("project", projectRef);
    op(FUNDS, c, sheet, Kind.COMMIT_FUND, ref, body, refs);
  }

  private final Map<String, Integer> disbursementOccurrences = new HashMap<>();
  private final Map<String, Money> disbursedSoFar = new HashMap<>();

  private void disbursement(Cells c, String sheet) {
    String ref = c.code("fundRef");
    Money amount = c.money("amount");
    LocalDate on = c.date("disbursedOn");
    String note = c.text("note", Cells.MAX_LONG_TEXT);
    FundState fund = ref == null ? null : fileFunds.get(ref);
    if (ref != null && fund == null) {
      if (register.funds().containsKey(ref)) {
        Register.Fund f = register.funds().get(ref);
        Money paid = Money.ZERO;
        for (var d : f.disbursements()) if (!d.reversed()) paid = paid.plus(d.amount());
        fund = new FundState(f.committed(), paid, new ArrayList<>(f.disbursements()), Set.of());
        fileFunds.put(ref, fund);
      } else {
        c.error("fundRef", badKeys.contains("fund:" + ref) ? "fund " + ref + " is not on record and its row in the funds sheet has errors"
            : "unknown fund " + ref + ": neither on record nor in the funds sheet");
      }
    }
    if (amount != null && !amount.isPositive()) c.error("amount", "must be more than 0");
    if (!c.ok()) return;
    // the same payment on record already (same amount and date, not reversed): unchanged
    for (var it = fund.existing().iterator(); it.hasNext(); ) {
      var d = it.next();
      if (!d.reversed() && d.amount().equals(amount) && d.disbursedOn().equals(on)) {
        it.remove();
        change(c, sheet, "UNCHANGED", null);
        return;
      }
    }
    Money before = disbursedSoFar.getOrDefault(ref, fund.disbursed());
    Money after = before.plus(amount);
    if (after.compareTo(fund.committed()) > 0) {
      c.error("amount", "takes fund " + ref + "'s disbursements to " + after.toYuanString() + " yuan, above its commitment of "
          + fund.committed().toYuanString() + " (" + fund.committed().minus(before).toYuanString() + " left)");
      return;
    }
    disbursedSoFar.put(ref, after);
    String natural = ref + "|" + amount.toYuanString() + "|" + on;
    int n = disbursementOccurrences.merge(natural, 1, Integer::sum);
    change(c, sheet, "CREATE", null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("amount", amount.toYuanString());
    body.put("disbursedOn", on.toString());
    if (note != null) body.put("note", note);
    op(DISBURSEMENTS, c, sheet, Kind.DISBURSE, natural + "|" + n, body, Map.of("fund", ref));
  }

  // ------------------------------------------------------------------------------------------------ income

  private final Set<String> incomeRows = new HashSet<>();

  private void income(Cells c, String sheet) {
    String villageCode = c.code("villageCode");
    Integer year = c.integer("year");
    Money amount = c.money("amount");
    Register.Village v = village(c, "villageCode", villageCode);
    if (year != null && (year < 1949 || year > today.getYear() + 1)) c.error("year", "must be between 1949 and " + (today.getYear() + 1));
    if (amount != null && amount.isNegative()) c.error("amount", "must not be negative");
    if (villageCode != null && year != null && !incomeRows.add(Register.incomeKey(villageCode, year))) {
      c.error("year", "the income of " + villageCode + " for " + year + " appears twice in the sheet");
    }
    if (!c.ok() || v == null) return;
    Money existing = register.income().get(Register.incomeKey(villageCode, year));
    if (amount.equals(existing)) {
      change(c, sheet, "UNCHANGED", null);
      return;
    }
    change(c, sheet, existing == null ? "CREATE" : "UPDATE", existing == null ? null : "amount " + existing.toYuanString() + " → " + amount.toYuanString());
    op(INCOME, c, sheet, Kind.REPORT_INCOME, villageCode + "|" + year, Map.of("amount", amount.toYuanString()),
        Map.of("village", villageCode, "year", String.valueOf(year)));
  }
}
