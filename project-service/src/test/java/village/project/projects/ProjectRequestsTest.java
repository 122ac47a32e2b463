package village.project.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.TreeSet;
import village.support.web.ProblemException;

/**
 * The shape of the request bodies (their Bean Validation constraints, messages from ValidationMessages.properties)
 * and the new project's rules across fields ({@link Project#requireCoherent}): each bad input names its field.
 */
class ProjectRequestsTest {
  static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

  /** The fields a body is refused for, as the API names them ({@code villageCodes[1]}, {@code scale.quantity}). */
  static List<String> errors(Object body) {
    Set<String> fields = new TreeSet<>();
    for (ConstraintViolation<Object> v : VALIDATOR.validate(body)) fields.add(v.getPropertyPath().toString().replace(".<list element>", ""));
    if (fields.isEmpty() && body instanceof CreateProjectRequest r) {
      try {
        Project.requireCoherent(r);
      } catch (ProblemException e) {
        e.errors().forEach(f -> fields.add(f.field()));
      }
    }
    return List.copyOf(fields);
  }

  static final LocalDate START = LocalDate.of(2023, 3, 1);

  static CreateProjectRequest valid() {
    return new CreateProjectRequest("5万亩红薯产业基地", "SWEET_POTATO", List.of("CG001", "CG002"), List.of("ptn-1"), "org-1",
        new CreateProjectRequest.Scale(new BigDecimal("50000"), "MU"), "1500000.00", START, START.plusYears(1),
        List.of(new CreateProjectRequest.NewMilestone("育苗完成", START.plusMonths(2))), null);
  }

  static Builder b() {
    return new Builder(valid());
  }

  /** A copy of the valid request with one thing changed. */
  record Builder(CreateProjectRequest r) {
    CreateProjectRequest with(UnaryOperator<Object[]> f) {
      Object[] a = {r.name(), r.industry(), r.villageCodes(), r.partnershipIds(), r.leadOrganizationId(), r.scale(),
          r.plannedInvestment(), r.startDate(), r.endDate(), r.milestones()};
      a = f.apply(a);
      @SuppressWarnings("unchecked")
      CreateProjectRequest out = new CreateProjectRequest((String) a[0], (String) a[1], (List<String>) a[2], (List<String>) a[3],
          (String) a[4], (CreateProjectRequest.Scale) a[5], (String) a[6], (LocalDate) a[7], (LocalDate) a[8],
          (List<CreateProjectRequest.NewMilestone>) a[9], r.ref());
      return out;
    }
  }

  static CreateProjectRequest set(int index, Object value) {
    return b().with(a -> {
      a[index] = value;
      return a;
    });
  }

  static CreateProjectRequest.Scale scale(String q, String unit) {
    return new CreateProjectRequest.Scale(q == null ? null : new BigDecimal(q), unit);
  }

  static Stream<Arguments> invalid() {
    List<String> fiftyOne = IntStream.range(0, 51).mapToObj(i -> "V" + i).toList();
    List<CreateProjectRequest.NewMilestone> manyMilestones = Collections.nCopies(101,
        new CreateProjectRequest.NewMilestone("m", START));
    return Stream.of(
        Arguments.of("name missing", set(0, null), "name"),
        Arguments.of("name blank", set(0, "   "), "name"),
        Arguments.of("name too long", set(0, "x".repeat(201)), "name"),
        Arguments.of("industry missing", set(1, null), "industry"),
        Arguments.of("industry unknown", set(1, "RICE"), "industry"),
        Arguments.of("no villages", set(2, List.of()), "villageCodes"),
        Arguments.of("villages missing", set(2, null), "villageCodes"),
        Arguments.of("51 villages", set(2, fiftyOne), "villageCodes"),
        Arguments.of("village twice", set(2, List.of("CG001", "CG001")), "villageCodes"),
        Arguments.of("village code with slash", set(2, List.of("CG/001")), "villageCodes[0]"),
        Arguments.of("51 partnerships", set(3, fiftyOne), "partnershipIds"),
        Arguments.of("partnership twice", set(3, List.of("p", "p")), "partnershipIds"),
        Arguments.of("lead org with space", set(4, "org 1"), "leadOrganizationId"),
        Arguments.of("scale missing", set(5, null), "scale"),
        Arguments.of("quantity missing", set(5, scale(null, "MU")), "scale.quantity"),
        Arguments.of("quantity zero", set(5, scale("0", "MU")), "scale.quantity"),
        Arguments.of("quantity negative", set(5, scale("-1", "MU")), "scale.quantity"),
        Arguments.of("quantity 3 decimals", set(5, scale("1.234", "MU")), "scale.quantity"),
        Arguments.of("quantity above 10^9", set(5, scale("1000000000.01", "MU")), "scale.quantity"),
        Arguments.of("unit missing", set(5, scale("1", null)), "scale.unit"),
        Arguments.of("unit unknown", set(5, scale("1", "HECTARE")), "scale.unit"),
        Arguments.of("investment missing", set(6, null), "plannedInvestment"),
        Arguments.of("investment 3 decimals", set(6, "1.234"), "plannedInvestment"),
        Arguments.of("investment text", set(6, "lots"), "plannedInvestment"),
        Arguments.of("investment negative", set(6, "-5.00"), "plannedInvestment"),
        Arguments.of("investment above 10^10 (the limit per amount)", set(6, "10000000000.01"), "plannedInvestment"),
        Arguments.of("investment above 10^12", set(6, "1000000000000.01"), "plannedInvestment"),
        Arguments.of("padded investment", set(6, " 100.00 "), "plannedInvestment"),
        Arguments.of("investment exponent", set(6, "1e6"), "plannedInvestment"),
        Arguments.of("start missing", set(7, null), "startDate"),
        Arguments.of("end before start", set(8, START.minusDays(1)), "endDate"),
        Arguments.of("101 milestones", set(9, manyMilestones), "milestones"),
        Arguments.of("milestone title blank", set(9, List.of(new CreateProjectRequest.NewMilestone(" ", START))), "milestones[0].title"),
        Arguments.of("milestone due missing", set(9, List.of(new CreateProjectRequest.NewMilestone("m", null))), "milestones[0].dueDate"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void refusesBadInput(String name, CreateProjectRequest r, String field) {
    assertThat(errors(r)).containsExactly(field);
  }

  @Test
  void acceptsAValidRequest() {
    assertThat(errors(valid())).isEmpty();
  }

  @Test
  void acceptsTheBoundaries() {
    assertThat(errors(set(6, "0"))).isEmpty();
    assertThat(errors(set(6, "10000000000.00"))).isEmpty();
    assertThat(errors(set(5, scale("1000000000", "STICK")))).isEmpty();
    assertThat(errors(set(5, scale("0.01", "HEAD")))).isEmpty();
    assertThat(errors(set(5, scale("12.50", "MU")))).isEmpty();
    assertThat(errors(set(8, START))).isEmpty();
    assertThat(errors(set(8, null))).isEmpty();
    assertThat(errors(set(3, null))).isEmpty();
    assertThat(errors(set(4, null))).isEmpty();
    assertThat(errors(set(9, null))).isEmpty();
    assertThat(errors(set(0, "x".repeat(200)))).isEmpty();
    assertThat(errors(set(2, IntStream.range(0, 50).mapToObj(i -> "V" + i).toList()))).isEmpty();
  }

  @Test
  void reportsEveryBadFieldAtOnce() {
    var r = new CreateProjectRequest(null, null, null, null, null, null, null, null, null, null, null);
    assertThat(errors(r)).containsExactlyInAnyOrder("name", "industry", "villageCodes", "scale", "plannedInvestment", "startDate");
  }

  @Test
  void progressRules() {
    LocalDate d = START;
    assertThat(errors(new ReportProgressRequest(0, d, null))).isEmpty();
    assertThat(errors(new ReportProgressRequest(100, d, "done"))).isEmpty();
    assertThat(errors(new ReportProgressRequest(101, d, null)))
        .containsExactly("percentComplete");
    assertThat(errors(new ReportProgressRequest(-1, d, null)))
        .containsExactly("percentComplete");
    assertThat(errors(new ReportProgressRequest(null, null, "x".repeat(2001))))
        .containsExactlyInAnyOrder("percentComplete", "reportedOn", "note");
  }

  @Test
  void statusAndMilestoneRules() {
    assertThat(errors(new ChangeStatusRequest("APPROVED", null))).isEmpty();
    assertThat(errors(new ChangeStatusRequest("approved", null)))
        .containsExactly("status");
    assertThat(errors(new ChangeStatusRequest(null, null)))
        .containsExactly("status");
    assertThat(errors(new CompleteMilestoneRequest(null)))
        .containsExactly("completedOn");
    assertThat(errors(new CompleteMilestoneRequest(START))).isEmpty();
  }
}
