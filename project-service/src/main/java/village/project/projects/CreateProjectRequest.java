package village.project.projects;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** {@code POST /api/projects}. Checked by {@link RequestValidation#create}. */
record CreateProjectRequest(
    String name,
    String industry,
    List<String> villageCodes,
    List<String> partnershipIds,
    String leadOrganizationId,
    Scale scale,
    String plannedInvestment,
    LocalDate startDate,
    LocalDate endDate,
    List<NewMilestone> milestones) {

  record Scale(BigDecimal quantity, String unit) {}

  record NewMilestone(String title, LocalDate dueDate) {}

  List<String> partnershipIdsOrEmpty() {
    return partnershipIds == null ? List.of() : partnershipIds;
  }

  List<NewMilestone> milestonesOrEmpty() {
    return milestones == null ? List.of() : milestones;
  }
}
