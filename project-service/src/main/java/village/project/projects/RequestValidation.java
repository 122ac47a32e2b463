package village.project.projects;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import village.contracts.Money;
import village.support.web.ProblemException.FieldError;
import village.support.web.Problems;

/** The field rules of every request body; a non-empty list of errors becomes one 400 problem. */
final class RequestValidation {
  static final int MAX_NAME = 200;
  static final int MAX_VILLAGES = 50;
  static final int MAX_PARTNERSHIPS = 50;
  static final int MAX_MILESTONES = 100;
  static final int MAX_TEXT = 2000;
  static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000000");
  /** Ids and codes of other services go into URL paths: keep them to a safe alphabet. */
  static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private RequestValidation() {}

  static void require(List<FieldError> errors) {
    if (!errors.isEmpty()) throw Problems.invalid(errors);
  }

  /** The request's Bean Validation constraints (@Yuan, @PlainText), reported together with the rules below. */
  private static final jakarta.validation.Validator BEAN_VALIDATION =
      jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator();

  static List<FieldError> create(CreateProjectRequest r) {
    if (r == null) return List.of(new FieldError("body", "is required"));
    List<FieldError> e = createRules(r);
    java.util.Set<String> named = new HashSet<>();
    e.forEach(f -> named.add(f.field()));
    for (var v : BEAN_VALIDATION.validate(r)) {
      String field = v.getPropertyPath().toString();
      if (named.add(field)) e.add(new FieldError(field, v.getMessage()));
    }
    return e;
  }

  private static List<FieldError> createRules(CreateProjectRequest r) {
    List<FieldError> e = new ArrayList<>();
    text(e, "name", r.name(), true, MAX_NAME);
    oneOf(e, "industry", r.industry(), Industry.class);
    if (r.villageCodes() == null || r.villageCodes().isEmpty()) {
      e.add(new FieldError("villageCodes", "must list 1 to " + MAX_VILLAGES + " village codes"));
    } else if (r.villageCodes().size() > MAX_VILLAGES) {
      e.add(new FieldError("villageCodes", "must list at most " + MAX_VILLAGES + " village codes"));
    } else {
      references(e, "villageCodes", r.villageCodes());
    }
    if (r.partnershipIds() != null) {
      if (r.partnershipIds().size() > MAX_PARTNERSHIPS) {
        e.add(new FieldError("partnershipIds", "must list at most " + MAX_PARTNERSHIPS + " partnerships"));
      } else {
        references(e, "partnershipIds", r.partnershipIds());
      }
    }
    if (r.leadOrganizationId() != null && !REFERENCE.matcher(r.leadOrganizationId()).matches()) {
      e.add(new FieldError("leadOrganizationId", "must be an organization id"));
    }
    scale(e, r.scale());
    if (r.plannedInvestment() == null) {
      e.add(new FieldError("plannedInvestment", "is required"));
    } else {
      try {
        if (Money.ofYuan(r.plannedInvestment()).isNegative()) e.add(new FieldError("plannedInvestment", "must be 0 or more"));
      } catch (Money.InvalidMoney m) {
        e.add(new FieldError("plannedInvestment", m.getMessage()));
      }
    }
    if (r.startDate() == null) e.add(new FieldError("startDate", "is required"));
    if (r.startDate() != null && r.endDate() != null && r.endDate().isBefore(r.startDate())) {
      e.add(new FieldError("endDate", "must not be before startDate"));
    }
    List<CreateProjectRequest.NewMilestone> ms = r.milestonesOrEmpty();
    if (ms.size() > MAX_MILESTONES) {
      e.add(new FieldError("milestones", "must list at most " + MAX_MILESTONES + " milestones"));
    } else {
      for (int i = 0; i < ms.size(); i++) {
        CreateProjectRequest.NewMilestone m = ms.get(i);
        String f = "milestones[" + i + "]";
        if (m == null) {
          e.add(new FieldError(f, "must not be null"));
          continue;
        }
        text(e, f + ".title", m.title(), true, MAX_NAME);
        if (m.dueDate() == null) e.add(new FieldError(f + ".dueDate", "is required"));
        else if (r.startDate() != null && m.dueDate().isBefore(r.startDate())) {
          e.add(new FieldError(f + ".dueDate", "must not be before startDate"));
        }
      }
    }
    return e;
  }

  static List<FieldError> changeStatus(ChangeStatusRequest r) {
    List<FieldError> e = new ArrayList<>();
    if (r == null) return List.of(new FieldError("body", "is required"));
    oneOf(e, "status", r.status(), ProjectStatus.class);
    text(e, "reason", r.reason(), false, MAX_TEXT);
    return e;
  }

  static List<FieldError> reportProgress(ReportProgressRequest r) {
    List<FieldError> e = new ArrayList<>();
    if (r == null) return List.of(new FieldError("body", "is required"));
    if (r.percentComplete() == null) {
      e.add(new FieldError("percentComplete", "is required"));
    } else if (r.percentComplete() < 0 || r.percentComplete() > 100) {
      e.add(new FieldError("percentComplete", "must be an integer from 0 to 100"));
    }
    if (r.reportedOn() == null) e.add(new FieldError("reportedOn", "is required"));
    text(e, "note", r.note(), false, MAX_TEXT);
    return e;
  }

  static List<FieldError> completeMilestone(CompleteMilestoneRequest r) {
    if (r == null) return List.of(new FieldError("body", "is required"));
    if (r.completedOn() == null) return List.of(new FieldError("completedOn", "is required"));
    return List.of();
  }

  private static void scale(List<FieldError> e, CreateProjectRequest.Scale s) {
    if (s == null) {
      e.add(new FieldError("scale", "is required: {quantity, unit}"));
      return;
    }
    BigDecimal q = s.quantity();
    if (q == null) {
      e.add(new FieldError("scale.quantity", "is required"));
    } else if (q.signum() <= 0) {
      e.add(new FieldError("scale.quantity", "must be greater than 0"));
    } else if (q.compareTo(MAX_QUANTITY) > 0) {
      e.add(new FieldError("scale.quantity", "must be at most 1000000000"));
    } else if (q.stripTrailingZeros().scale() > 2) {
      e.add(new FieldError("scale.quantity", "must have at most 2 decimals"));
    }
    oneOf(e, "scale.unit", s.unit(), ScaleUnit.class);
  }

  private static void references(List<FieldError> e, String field, List<String> ids) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      String f = field + "[" + i + "]";
      if (id == null || !REFERENCE.matcher(id).matches()) {
        e.add(new FieldError(f, "must be 1 to 64 letters, digits or . _ : -"));
      } else if (!seen.add(id)) {
        e.add(new FieldError(f, "'" + id + "' is listed twice"));
      }
    }
  }

  private static void text(List<FieldError> e, String field, String value, boolean required, int max) {
    if (value == null || value.isBlank()) {
      if (required) e.add(new FieldError(field, "is required"));
    } else if (value.strip().length() > max) {
      e.add(new FieldError(field, "must be at most " + max + " characters"));
    }
  }

  private static <E extends Enum<E>> void oneOf(List<FieldError> e, String field, String value, Class<E> type) {
    if (value == null) {
      e.add(new FieldError(field, "is required"));
      return;
    }
    for (E c : type.getEnumConstants()) if (c.name().equals(value)) return;
    e.add(new FieldError(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants())));
  }
}
