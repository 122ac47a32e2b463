package village.partnership.villages;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import village.support.validation.OneOf;
import village.support.security.Caller;
import village.support.security.Role;
import village.support.web.ETags;
import village.support.web.PageQuery;
import village.support.web.PageResponse;
import village.support.web.Problems;
import village.events.vocabulary.VillageKind;

/** {@code /api/villages}: the register. Any role reads; a TOWNSHIP adds villages of its own township. */
@Tag(name = "Villages", description = "Villages and communities (村、社区) of the townships")
@RestController
@RequestMapping("/api/villages")
class VillageController {
  private final Villages villages;

  VillageController(Villages villages) {
    this.villages = villages;
  }

  @Operation(operationId = "listVillages", summary = "List villages")
  @GetMapping
  PageResponse<Village> list(Caller caller, @RequestParam(required = false) String township,
      @RequestParam(required = false) @OneOf(VillageKind.class) String kind, @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    caller.requireAnyRole(Role.values());
    PageQuery q = PageQuery.of(page, size);
    return villages.list(township, kind, q);
  }

  @Operation(operationId = "getVillage", summary = "Get a village")
  @GetMapping("/{code}")
  ResponseEntity<Village> get(@PathVariable String code, Caller caller) {
    caller.requireAnyRole(Role.values());
    Village v = villages.find(code).orElseThrow(() -> Problems.notFound("Village", code));
    return ResponseEntity.ok().eTag(ETags.of(v.version())).body(v);
  }

  @Operation(operationId = "registerVillage", summary = "Register a village")
  @ApiResponse(responseCode = "201", description = "Created (an Idempotency-Key replay answers 200 with the stored resource)")
  @PostMapping
  ResponseEntity<Village> register(@Valid @RequestBody RegisterVillageRequest body, Caller caller) {
    caller.requireAnyRole(Role.TOWNSHIP);
    caller.requireTownshipOf(body.township());
    Village v = villages.register(body, caller.subject()).orElseThrow(() -> Problems.conflict("village-exists",
        "Village exists", "A village with code '" + body.code() + "' is registered already."));
    return ResponseEntity.created(URI.create("/api/villages/" + v.code())).eTag(ETags.of(v.version())).body(v);
  }
}
