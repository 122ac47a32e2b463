package village.partnership.partnerships;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import village.events.vocabulary.Category;
import village.support.validation.Code;
import village.support.validation.OneOf;
import java.time.LocalDate;
import java.util.List;

/** Request bodies of {@code /api/partnerships}. */
final class Requests {
  private Requests() {}

  record RegisterPartnership(
      @NotNull @Code String organizationId,
      @NotNull @Code String villageCode,
      @NotNull(message = "{village.validation.required.date}") LocalDate startDate,
      @Size(max = 9, message = "{village.validation.list.max}") List<@NotNull @OneOf(Category.class) String> focus,
      @Size(max = 2000, message = "{village.validation.text.max}") String note) {}

  record EndPartnership(
      @NotNull(message = "{village.validation.required.date}") LocalDate endDate,
      @NotBlank @Size(max = 2000, message = "{village.validation.text.max}") String reason) {}
}
