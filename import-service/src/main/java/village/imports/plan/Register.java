package village.imports.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import village.contracts.Money;

/**
 * What the record holds already, as far as the import needs it (read through the services' public APIs with the
 * caller's token before anything is validated): villages by code, organizations by credit code, the pairings, needs,
 * projects and funds by their {@code ref}, collective income by {@code village/year}, resources by organization id.
 */
public record Register(
    Map<String, Village> villages,
    Map<String, Organization> organizations,
    List<Partnership> partnerships,
    Map<String, Need> needs,
    Map<String, Project> projects,
    Map<String, Fund> funds,
    Map<String, Money> income,
    Map<String, Set<String>> resources) {

  public record Village(String code, String name, String kind, String township, String county) {}

  public record Organization(String id, String creditCode, String name, String type) {}

  public record Partnership(String id, String organizationId, String villageCode, String status, LocalDate startDate, LocalDate endDate) {
    public boolean active() {
      return "ACTIVE".equals(status);
    }
  }

  public record Need(String id, String ref, String villageCode, String category, String title, String status) {}

  public record Project(String id, String ref, String name, String industry, String status, Integer percentComplete,
      List<Milestone> milestones) {}

  public record Milestone(String id, String title, LocalDate dueDate, LocalDate completedOn) {}

  public record Fund(String id, String ref, String source, Money committed, LocalDate committedOn, List<Disbursement> disbursements) {}

  public record Disbursement(Money amount, LocalDate disbursedOn, boolean reversed) {}

  public static Register empty() {
    return new Register(Map.of(), Map.of(), List.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
  }

  public static String incomeKey(String villageCode, int year) {
    return villageCode + "/" + year;
  }

  public static String resourceKey(String category, String title) {
    return category + "|" + title;
  }
}
