package village.events.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * An agricultural project was registered (status PLANNED). {@code industry}: SWEET_POTATO, FRESH_FRUIT,
 * VEGETABLES, WALNUT, EDIBLE_FUNGI, OTHER. {@code scaleUnit}: MU, STICK, HEAD. {@code plannedInvestment}: yuan
 * as a decimal string with 2 decimals.
 */
public record ProjectRegistered(
    String projectId,
    String name,
    String industry,
    List<String> villageCodes,
    List<String> partnershipIds,
    String leadOrganizationId,
    BigDecimal scaleQuantity,
    String scaleUnit,
    String plannedInvestment,
    LocalDate startDate,
    LocalDate endDate,
    String status,
    List<Milestone> milestones) implements ProjectEvent {

  public record Milestone(String milestoneId, String title, LocalDate dueDate) {}

  @Override public String aggregateId() { return projectId; }
}
