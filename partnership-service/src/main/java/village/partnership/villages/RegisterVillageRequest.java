package village.partnership.villages;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import village.support.validation.Code;
import village.support.validation.OneOf;
import village.support.validation.PlainText;
import village.events.vocabulary.VillageKind;

/** {@code POST /api/villages}. */
record RegisterVillageRequest(
    @NotNull @Code String code,
    @NotBlank @PlainText @Size(max = 200, message = "{village.validation.text.max}") String name,
    @NotNull @OneOf(VillageKind.class) String kind,
    @NotBlank @PlainText @Size(max = 200, message = "{village.validation.text.max}") String township,
    @NotBlank @PlainText @Size(max = 200, message = "{village.validation.text.max}") String county) {}
