package village.project.projects;

import jakarta.validation.Valid;
import village.support.validation.Yuan;
import village.support.validation.PlainText;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** {@code POST /api/projects}. Checked by {@link RequestValidation#create}. */
record CreateProjectRequest(
    @PlainText String name,
    String industry,
    List<String> villageCodes,
    List<String> partnershipIds,
    @PlainText String leadOrganizationId,
    @Valid Scale scale,
    @Yuan String plannedInvestment,
    LocalDate startDate,
    LocalDate endDate,
    List<@Valid NewMilestone> milestones) {

  record Scale(BigDecimal quantity, String unit) {}

  record NewMilestone(@PlainText String title, LocalDate dueDate) {}

  List<String> partnershipIdsOrEmpty() {
    return partnershipIds == null ? List.of() : partnershipIds;
  }

  List<NewMilestone> milestonesOrEmpty() {
    return milestones == null ? List.of() : milestones;
  }
}
