package village.project.projects;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import village.support.validation.Yuan;
import village.support.validation.PlainText;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** {@code POST /api/projects}. Checked by {@link RequestValidation#create}. {@code ref}: the clerk's own number (optional, kept on the record, a list filter). */
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
    List<@Valid NewMilestone> milestones,
    @JsonInclude(JsonInclude.Include.NON_NULL) @PlainText @Size(max = 100) String ref) {

  record Scale(BigDecimal quantity, String unit) {}

  record NewMilestone(@PlainText String title, LocalDate dueDate) {}

  List<String> partnershipIdsOrEmpty() {
    return partnershipIds == null ? List.of() : partnershipIds;
  }

  List<NewMilestone> milestonesOrEmpty() {
    return milestones == null ? List.of() : milestones;
  }
}
