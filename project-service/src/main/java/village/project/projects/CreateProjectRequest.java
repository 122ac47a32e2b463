package village.project.projects;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import village.support.validation.Distinct;
import village.support.validation.OneOf;
import village.support.validation.Yuan;
import village.support.validation.PlainText;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import village.events.vocabulary.Industry;
import village.events.vocabulary.ScaleUnit;

/**
 * {@code POST /api/projects}: its shape; the rules across fields (dates in order) are {@link Project#requireCoherent}'s.
 * Ids and codes of other services go into URL paths: {@link #REFERENCE} keeps them to a safe alphabet.
 * {@code ref}: the clerk's own number (optional, kept on the record, a list filter).
 */
record CreateProjectRequest(
    @NotBlank @PlainText @Size(max = MAX_NAME, message = "{village.validation.text.max}") String name,
    @NotNull @OneOf(Industry.class) String industry,
    @NotEmpty(message = "{village.validation.list.required}") @Size(max = 50, message = "{village.validation.list.max}") @Distinct
    List<@NotNull @Pattern(regexp = REFERENCE, message = "{village.validation.Reference.message}") String> villageCodes,
    @Size(max = 50, message = "{village.validation.list.max}") @Distinct
    List<@NotNull @Pattern(regexp = REFERENCE, message = "{village.validation.Reference.message}") String> partnershipIds,
    @Pattern(regexp = REFERENCE, message = "{village.validation.Reference.message}") String leadOrganizationId,
    @NotNull @Valid Scale scale,
    @NotNull @Yuan(sign = Yuan.Sign.NOT_NEGATIVE) String plannedInvestment,
    @NotNull(message = "{village.validation.required.date}") LocalDate startDate,
    LocalDate endDate,
    @Size(max = 100, message = "{village.validation.list.max}") List<@NotNull @Valid NewMilestone> milestones,
    @JsonInclude(JsonInclude.Include.NON_NULL) @PlainText @Size(max = 100, message = "{village.validation.text.max}") String ref) {
  static final int MAX_NAME = 200;
  static final String REFERENCE = "[A-Za-z0-9._:-]{1,64}";

  record Scale(
      @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000") @Digits(integer = 10, fraction = 2)
      BigDecimal quantity,
      @NotNull @OneOf(ScaleUnit.class) String unit) {}

  record NewMilestone(
      @NotBlank @PlainText @Size(max = MAX_NAME, message = "{village.validation.text.max}") String title,
      @NotNull(message = "{village.validation.required.date}") LocalDate dueDate) {}

  List<String> partnershipIdsOrEmpty() {
    return partnershipIds == null ? List.of() : partnershipIds;
  }

  List<NewMilestone> milestonesOrEmpty() {
    return milestones == null ? List.of() : milestones;
  }
}
