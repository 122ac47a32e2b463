package village.project.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import village.devstack.RealInfrastructure;
import village.events.Topics;
import village.messaging.KafkaSettings;
import village.devstack.Api;
import village.devstack.StubServices;

/** Every project-service endpoint over HTTP, against real Kafka and mongo-java-server and a stub partnership-service. */
@ExtendWith(RealInfrastructure.class)
@SpringBootTest(webEnvironment = RANDOM_PORT)
class ProjectApiIT {
  static final String HOME = "城关镇";
  static final String OTHER = "西镇";
  /** "Today" for the service: 2024-06-01. */
  static final Instant NOW = Instant.parse("2024-06-01T08:00:00Z");
  static final StubServices STUB = StubServices.start()
      .village("CG001", HOME).village("CG002", HOME).village("XZ001", OTHER)
      .partnership("ptn-1", "CG001", "org-1").partnership("ptn-x", "XZ001", "org-2")
      .organization("org-1").organization("org-2");

  static final String TOWNSHIP = Api.township(HOME);
  static final String OTHER_TOWNSHIP = Api.township(OTHER);
  static final String COUNTY = Api.county();
  static final String LEAD = Api.organization("org-1");
  static final String NOT_LEAD = Api.organization("org-2");

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    RealInfrastructure.properties(ProjectApiIT.class).forEach((k, v) -> r.add(k, () -> v));
    r.add("village.project.partnership-service-url", STUB::url);
  }

  @TestConfiguration
  static class FixedClock {
    @Bean
    Clock testClock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  @AfterAll
  static void stopStub() {
    STUB.close();
  }

  @Value("${local.server.port}")
  int port;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  static Map<String, Object> project(String name) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("industry", "SWEET_POTATO");
    m.put("villageCodes", List.of("CG001", "CG002"));
    m.put("partnershipIds", List.of("ptn-1"));
    m.put("leadOrganizationId", "org-1");
    m.put("scale", Map.of("quantity", 50000, "unit", "MU"));
    m.put("plannedInvestment", "1500000");
    m.put("startDate", "2024-03-01");
    m.put("endDate", "2025-03-01");
    m.put("milestones", List.of(Map.of("title", "育苗完成", "dueDate", "2024-05-01"),
        Map.of("title", "栽插完成", "dueDate", "2024-09-01")));
    return m;
  }

  static Map<String, Object> with(Map<String, Object> m, String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(m);
    if (value == null) copy.remove(key);
    else copy.put(key, value);
    return copy;
  }

  JsonNode create(Map<String, Object> body) {
    Api.Response r = api.post("/api/projects", TOWNSHIP, body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  JsonNode moveTo(String id, String status) {
    Api.Response r = api.post("/api/projects/" + id + "/status", TOWNSHIP, Map.of("status", status));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  static void assertProblem(Api.Response r, int status, String typeSuffix) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    if (typeSuffix != null) assertThat(r.json().path("type").asString()).endsWith("/" + typeSuffix);
  }

  static List<String> fields(Api.Response r) {
    List<String> out = new ArrayList<>();
    r.json().path("errors").forEach(e -> out.add(e.path("field").asString()));
    return out;
  }

  // ---- create and read

  @Test
  void registersAProjectAndReadsItBack() {
    Api.Response r = api.post("/api/projects", TOWNSHIP, project("5万亩红薯产业基地"));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    JsonNode p = r.json();
    String id = p.path("id").asString();
    assertThat(r.header("Location")).isEqualTo("/api/projects/" + id);
    assertThat(r.header("ETag")).isEqualTo("\"1\"");
    assertThat(p.path("status").asString()).isEqualTo("PLANNED");
    assertThat(p.path("name").asString()).isEqualTo("5万亩红薯产业基地");
    assertThat(p.path("plannedInvestment").asString()).isEqualTo("1500000.00");
    assertThat(p.path("township").asString()).isEqualTo(HOME);
    assertThat(p.path("scale").path("quantity").decimalValue()).isEqualByComparingTo("50000");
    assertThat(p.path("scale").path("unit").asString()).isEqualTo("MU");
    assertThat(p.path("milestones")).hasSize(2);
    assertThat(p.path("milestones").get(0).path("id").asString()).isNotBlank();
    assertThat(p.path("version").asLong()).isEqualTo(1);
    assertThat(STUB.lastAuthorization()).isEqualTo("Bearer " + TOWNSHIP);

    for (String token : List.of(TOWNSHIP, COUNTY, NOT_LEAD)) {
      Api.Response g = api.get("/api/projects/" + id, token);
      assertThat(g.status()).isEqualTo(200);
      assertThat(g.header("ETag")).isEqualTo("\"1\"");
      assertThat(g.json()).isEqualTo(p);
    }
    assertThat(api.get("/api/projects/" + id, COUNTY, "If-None-Match", "\"1\"").status()).isEqualTo(304);
    assertProblem(api.get("/api/projects/nope", COUNTY), 404, "not-found");
    assertThat(api.get("/api/projects/" + id, null).status()).isEqualTo(401);
    assertThat(api.get("/api/projects/" + id, "not-a-jwt").status()).isEqualTo(401);
  }

  @Test
  void minimalProjectAndExactDecimals() {
    Map<String, Object> body = with(with(with(with(project("核桃基地"), "partnershipIds", null), "leadOrganizationId", null),
        "milestones", null), "endDate", null);
    body.put("industry", "WALNUT");
    body.put("scale", Map.of("quantity", 20000.25, "unit", "MU"));
    body.put("plannedInvestment", "0.1");
    JsonNode p = create(body);
    assertThat(p.path("plannedInvestment").asString()).isEqualTo("0.10");
    assertThat(p.path("scale").path("quantity").decimalValue()).isEqualByComparingTo("20000.25");
    assertThat(p.path("milestones")).isEmpty();
    assertThat(p.path("partnershipIds")).isEmpty();
    assertThat(p.path("leadOrganizationId").isNull()).isTrue();
  }

  @Test
  void refusesBadBodiesWith400() {
    int calls = STUB.requests();
    Api.Response r = api.post("/api/projects", TOWNSHIP, with(with(project("x"), "industry", "RICE"), "plannedInvestment", "1.234"));
    assertProblem(r, 400, "validation");
    assertThat(fields(r)).containsExactlyInAnyOrder("industry", "plannedInvestment");

    r = api.post("/api/projects", TOWNSHIP, with(project("x"), "endDate", "2024-01-01"));
    assertProblem(r, 400, "validation");
    assertThat(fields(r)).containsExactly("endDate");

    r = api.post("/api/projects", TOWNSHIP, with(project("x"), "scale", Map.of("quantity", 0, "unit", "MU")));
    assertThat(fields(r)).containsExactly("scale.quantity");

    r = api.post("/api/projects", TOWNSHIP, with(project("x"), "villageCodes", List.of()));
    assertThat(fields(r)).containsExactly("villageCodes");

    r = api.post("/api/projects", TOWNSHIP, with(project("x"), "startDate", "2024-13-01"));
    assertProblem(r, 400, null);
    assertThat(fields(r)).containsExactly("startDate");

    assertProblem(api.post("/api/projects", TOWNSHIP, "{\"name\": "), 400, null);
    assertThat(api.get("/api/projects?size=501", COUNTY).status()).isEqualTo(400);
    r = api.get("/api/projects?status=DONE&industry=RICE", COUNTY);
    assertProblem(r, 400, "validation");
    assertThat(fields(r)).containsExactly("industry", "status");
    assertThat(r.json().path("errors").get(1).path("message").asString()).startsWith("must be one of [PLANNED, APPROVED");
    assertThat(STUB.requests()).as("no reference checks for a bad body").isEqualTo(calls);
  }

  static java.util.stream.Stream<Arguments> badFields() {
    return java.util.stream.Stream.of(
        Arguments.of("name", 5, "name"), Arguments.of("name", true, "name"), Arguments.of("name", "a\u0000b", "name"),
        Arguments.of("name", "two\nlines", "name"), Arguments.of("name", "   ", "name"),
        Arguments.of("industry", 1, "industry"), Arguments.of("villageCodes", "CG001", "villageCodes"),
        Arguments.of("villageCodes", List.of(1), "villageCodes[0]"),
        Arguments.of("leadOrganizationId", "", "leadOrganizationId"), Arguments.of("leadOrganizationId", 7, "leadOrganizationId"),
        Arguments.of("scale", Map.of("quantity", "50000", "unit", "MU"), "scale.quantity"),
        Arguments.of("scale", Map.of("quantity", true, "unit", "MU"), "scale.quantity"),
        Arguments.of("scale", Map.of("quantity", 5, "unit", 1), "scale.unit"),
        Arguments.of("plannedInvestment", 100.5, "plannedInvestment"), Arguments.of("plannedInvestment", 100, "plannedInvestment"),
        Arguments.of("plannedInvestment", " 100.00 ", "plannedInvestment"),
        Arguments.of("plannedInvestment", "10000000000.01", "plannedInvestment"),
        Arguments.of("startDate", 20240101, "startDate"), Arguments.of("startDate", -1, "startDate"),
        Arguments.of("startDate", "2024-01-01T00:00:00Z", "startDate"), Arguments.of("startDate", "2024-01-01\u0000", "startDate"),
        Arguments.of("startDate", "+999999999-12-31", "startDate"), Arguments.of("startDate", "1949-09-30", "startDate"),
        Arguments.of("endDate", "2101-01-01", "endDate"), Arguments.of("endDate", "2024-02-01", "endDate"),
        Arguments.of("milestones", List.of(Map.of("title", "育苗", "dueDate", "2024-02-01")), "milestones[0].dueDate"),
        Arguments.of("milestones", List.of(Map.of("title", 3, "dueDate", "2024-05-01")), "milestones[0].title"),
        Arguments.of("milestones", List.of(Map.of("title", "育苗", "dueDate", 20240501)), "milestones[0].dueDate"));
  }

  @ParameterizedTest
  @MethodSource("badFields")
  void aBadFieldIs400NamingItAndNothingIsStored(String key, Object value, String field) {
    long before = api.get("/api/projects?size=500", COUNTY).json().path("total").asLong();
    Api.Response r = api.post("/api/projects", TOWNSHIP, with(project("坏字段"), key, value));
    assertProblem(r, 400, null);
    assertThat(fields(r)).as(r.toString()).contains(field);
    assertThat(api.get("/api/projects?size=500", COUNTY).json().path("total").asLong()).isEqualTo(before);
  }

  @Test
  void theLargestInvestmentIsAccepted() {
    assertThat(create(with(project("最大投资"), "plannedInvestment", "10000000000.00")).path("plannedInvestment").asString())
        .isEqualTo("10000000000.00");
  }

  @Test
  void nothingHappensToAProjectBeforeItStarts() {
    JsonNode created = create(project("先后有序"));
    String id = created.path("id").asString();
    String milestone = created.path("milestones").get(0).path("id").asString();
    Api.Response early = api.post("/api/projects/" + id + "/milestones/" + milestone + "/complete", TOWNSHIP,
        Map.of("completedOn", "2024-02-29"));
    assertProblem(early, 400, "validation");
    assertThat(fields(early)).containsExactly("completedOn");
    moveTo(id, "APPROVED");
    moveTo(id, "IN_PROGRESS");
    Api.Response report = api.post("/api/projects/" + id + "/progress", TOWNSHIP, Map.of("percentComplete", 10, "reportedOn", "2024-02-29"));
    assertProblem(report, 400, "validation");
    assertThat(fields(report)).containsExactly("reportedOn");
    assertProblem(api.post("/api/projects/" + id + "/progress", TOWNSHIP, Map.of("percentComplete", "50", "reportedOn", "2024-05-01")),
        400, "validation");
    assertProblem(api.post("/api/projects/" + id + "/progress", TOWNSHIP, Map.of("percentComplete", true, "reportedOn", "2024-05-01")),
        400, "validation");
    assertThat(api.get("/api/projects/" + id, COUNTY).json().path("version").asLong()).isEqualTo(3);
    assertThat(api.post("/api/projects/" + id + "/milestones/" + milestone + "/complete", TOWNSHIP,
        Map.of("completedOn", "2024-03-01")).status()).isEqualTo(200);
  }

  @Test
  void unknownReferencesAre422AndNothingIsStored() {
    long before = api.get("/api/projects?size=500", COUNTY).json().path("total").asLong();
    Api.Response r = api.post("/api/projects", TOWNSHIP, with(project("x"), "villageCodes", List.of("CG001", "NOPE")));
    assertProblem(r, 422, "unknown-reference");
    assertThat(fields(r)).containsExactly("villageCodes[1]");

    r = api.post("/api/projects", TOWNSHIP, with(project("x"), "partnershipIds", List.of("ptn-404")));
    assertProblem(r, 422, "unknown-reference");
    assertThat(fields(r)).containsExactly("partnershipIds[0]");

    r = api.post("/api/projects", TOWNSHIP, with(project("x"), "leadOrganizationId", "org-404"));
    assertProblem(r, 422, "unknown-reference");
    assertThat(fields(r)).containsExactly("leadOrganizationId");

    r = api.post("/api/projects", TOWNSHIP, with(project("x"), "partnershipIds", List.of("ptn-x")));
    assertProblem(r, 422, "partnership-not-with-project-village");
    assertThat(fields(r)).containsExactly("partnershipIds[0]");

    assertThat(api.get("/api/projects?size=500", COUNTY).json().path("total").asLong()).isEqualTo(before);
  }

  @Test
  void onlyTheTownshipOfEveryVillageMayRegister() {
    assertProblem(api.post("/api/projects", OTHER_TOWNSHIP, project("x")), 403, "forbidden");
    assertProblem(api.post("/api/projects", TOWNSHIP, with(project("x"), "villageCodes", List.of("CG001", "XZ001"))), 403, "forbidden");
    assertProblem(api.post("/api/projects", COUNTY, project("x")), 403, "forbidden");
    assertProblem(api.post("/api/projects", LEAD, project("x")), 403, "forbidden");
    assertThat(api.post("/api/projects", null, project("x")).status()).isEqualTo(401);
  }

  @Test
  void idempotencyKeyReturnsTheFirstProject() {
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = project("幂等项目");
    Api.Response first = api.post("/api/projects", TOWNSHIP, body, "Idempotency-Key", key);
    Api.Response again = api.post("/api/projects", TOWNSHIP, body, "Idempotency-Key", key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
    assertThat(again.json().path("milestones")).isEqualTo(first.json().path("milestones"));
    long count = 0;
    for (JsonNode p : api.get("/api/projects?size=500", COUNTY).json().path("items")) {
      if (p.path("name").asString().equals("幂等项目")) count++;
    }
    assertThat(count).isEqualTo(1);
    assertProblem(api.post("/api/projects", TOWNSHIP, with(body, "name", "别的"), "Idempotency-Key", key), 422,
        "idempotency-key-reused");
  }

  // ---- lifecycle

  @Test
  void walksTheLifecycleAndKeepsHistory() {
    String id = create(project("鲜果基地")).path("id").asString();
    assertThat(moveTo(id, "APPROVED").path("version").asLong()).isEqualTo(2);
    moveTo(id, "IN_PROGRESS");
    Api.Response suspended = api.post("/api/projects/" + id + "/status", TOWNSHIP, Map.of("status", "SUSPENDED", "reason", "汛期"));
    assertThat(suspended.status()).isEqualTo(200);
    assertThat(suspended.header("ETag")).isEqualTo("\"4\"");
    moveTo(id, "IN_PROGRESS");
    JsonNode done = moveTo(id, "COMPLETED");
    assertThat(done.path("status").asString()).isEqualTo("COMPLETED");
    assertThat(done.path("version").asLong()).isEqualTo(6);

    Api.Response refused = api.post("/api/projects/" + id + "/status", TOWNSHIP, Map.of("status", "IN_PROGRESS"));
    assertProblem(refused, 409, "invalid-status-transition");
    assertThat(refused.json().path("detail").asString()).startsWith("Project is COMPLETED; cannot move to IN_PROGRESS");
    assertThat(refused.json().path("currentStatus").asString()).isEqualTo("COMPLETED");
    assertProblem(api.post("/api/projects/" + id + "/status", TOWNSHIP, Map.of("status", "CANCELLED")), 409,
        "invalid-status-transition");

    JsonNode history = api.get("/api/projects/" + id + "/history", COUNTY).json();
    assertThat(history.path("total").asInt()).isEqualTo(6);
    List<String> actions = new ArrayList<>();
    history.path("items").forEach(h -> actions.add(h.path("action").asString() + ":" + h.path("details").path("to").asString("")));
    assertThat(actions).containsExactly("registered:", "status-changed:APPROVED", "status-changed:IN_PROGRESS",
        "status-changed:SUSPENDED", "status-changed:IN_PROGRESS", "status-changed:COMPLETED");
    JsonNode suspendEntry = history.path("items").get(3);
    assertThat(suspendEntry.path("version").asInt()).isEqualTo(4);
    assertThat(suspendEntry.path("actor").asString()).isEqualTo("township-" + HOME);
    assertThat(suspendEntry.path("details").path("reason").asString()).isEqualTo("汛期");
    assertThat(suspendEntry.path("at").asString()).isEqualTo("2024-06-01T08:00:00Z");
    assertProblem(api.get("/api/projects/nope/history", COUNTY), 404, "not-found");
  }

  @Test
  void plannedOrSuspendedProjectsCanBeCancelledAndThatIsFinal() {
    String a = create(project("取消的项目")).path("id").asString();
    moveTo(a, "SUSPENDED");
    assertProblem(api.post("/api/projects/" + a + "/status", TOWNSHIP, Map.of("status", "APPROVED")), 409,
        "invalid-status-transition");
    moveTo(a, "CANCELLED");
    assertProblem(api.post("/api/projects/" + a + "/status", TOWNSHIP, Map.of("status", "IN_PROGRESS")), 409,
        "invalid-status-transition");
    assertProblem(api.post("/api/projects/" + a + "/status", TOWNSHIP, Map.of("status", "PLANNED")), 409,
        "invalid-status-transition");
  }

  @Test
  void statusChangeRulesAndIfMatch() {
    String id = create(project("蔬菜基地")).path("id").asString();
    String path = "/api/projects/" + id + "/status";
    assertProblem(api.post(path, TOWNSHIP, Map.of("status", "DONE")), 400, "validation");
    assertProblem(api.post(path, TOWNSHIP, Map.of()), 400, "validation");
    assertProblem(api.post(path, OTHER_TOWNSHIP, Map.of("status", "APPROVED")), 403, "forbidden");
    assertProblem(api.post(path, COUNTY, Map.of("status", "APPROVED")), 403, "forbidden");
    assertProblem(api.post(path, LEAD, Map.of("status", "APPROVED")), 403, "forbidden");
    assertProblem(api.post("/api/projects/nope/status", TOWNSHIP, Map.of("status", "APPROVED")), 404, "not-found");
    assertProblem(api.post(path, TOWNSHIP, Map.of("status", "APPROVED"), "If-Match", "\"7\""), 412, "stale-version");
    Api.Response ok = api.post(path, TOWNSHIP, Map.of("status", "APPROVED"), "If-Match", "\"1\"");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.header("ETag")).isEqualTo("\"2\"");
    assertProblem(api.post(path, TOWNSHIP, Map.of("status", "IN_PROGRESS"), "If-Match", "\"1\""), 412, "stale-version");
    assertThat(api.get("/api/projects/" + id, COUNTY).json().path("status").asString()).isEqualTo("APPROVED");
  }

  // ---- progress

  @Test
  void progressOnlyWhileInProgressByTownshipOrLeadOrganization() {
    String id = create(project("食用菌基地")).path("id").asString();
    String path = "/api/projects/" + id + "/progress";
    Map<String, Object> report = Map.of("percentComplete", 40, "reportedOn", "2024-05-30", "note", "已栽插2万亩");
    Api.Response early = api.post(path, TOWNSHIP, report);
    assertProblem(early, 409, "project-not-in-progress");
    assertThat(early.json().path("detail").asString()).contains("PLANNED");

    moveTo(id, "APPROVED");
    moveTo(id, "IN_PROGRESS");
    Api.Response r = api.post(path, TOWNSHIP, report);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    String reportId = r.json().path("id").asString();
    assertThat(r.header("Location")).isEqualTo(path + "/" + reportId);
    assertThat(r.json().path("percentComplete").asInt()).isEqualTo(40);
    assertThat(r.json().path("note").asString()).isEqualTo("已栽插2万亩");

    Api.Response byLead = api.post(path, LEAD, Map.of("percentComplete", 60, "reportedOn", "2024-06-01"));
    assertThat(byLead.status()).as(byLead.toString()).isEqualTo(201);
    assertProblem(api.post(path, NOT_LEAD, report), 403, "forbidden");
    assertProblem(api.post(path, OTHER_TOWNSHIP, report), 403, "forbidden");
    assertProblem(api.post(path, COUNTY, report), 403, "forbidden");
    assertProblem(api.post(path, TOWNSHIP, Map.of("percentComplete", 101, "reportedOn", "2024-06-01")), 400, "validation");
    assertProblem(api.post(path, TOWNSHIP, "{\"percentComplete\": 50.5, \"reportedOn\": \"2024-06-01\"}"), 400, null);
    assertProblem(api.post(path, TOWNSHIP, Map.of("percentComplete", 50)), 400, "validation");
    assertProblem(api.post("/api/projects/nope/progress", TOWNSHIP, report), 404, "not-found");

    String key = UUID.randomUUID().toString();
    Api.Response k1 = api.post(path, LEAD, Map.of("percentComplete", 70, "reportedOn", "2024-06-01"), "Idempotency-Key", key);
    Api.Response k2 = api.post(path, LEAD, Map.of("percentComplete", 70, "reportedOn", "2024-06-01"), "Idempotency-Key", key);
    assertThat(k1.status()).isEqualTo(201);
    assertThat(k2.status()).isEqualTo(201);
    assertThat(k2.json().path("id").asString()).isEqualTo(k1.json().path("id").asString());
    assertProblem(api.post(path, LEAD, Map.of("percentComplete", 80, "reportedOn", "2024-06-01"), "Idempotency-Key", key), 422,
        "idempotency-key-reused");

    JsonNode p = api.get("/api/projects/" + id, COUNTY).json();
    assertThat(p.path("percentComplete").asInt()).isEqualTo(70);
    assertThat(p.path("version").asLong()).isEqualTo(6); // registered, 2 moves, 3 reports
    assertThat(api.get(path, COUNTY).json().path("total").asInt()).isEqualTo(3);

    moveTo(id, "SUSPENDED");
    assertProblem(api.post(path, TOWNSHIP, report), 409, "project-not-in-progress");
  }

  // ---- milestones and overdue

  @Test
  void completesMilestonesOnce() {
    JsonNode created = create(project("里程碑项目"));
    String id = created.path("id").asString();
    String first = created.path("milestones").get(0).path("id").asString();
    String second = created.path("milestones").get(1).path("id").asString();
    String base = "/api/projects/" + id + "/milestones/";

    Api.Response r = api.post(base + first + "/complete", TOWNSHIP, Map.of("completedOn", "2024-04-28"));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.header("ETag")).isEqualTo("\"2\"");
    JsonNode m = r.json().path("milestones").get(0);
    assertThat(m.path("completed").asBoolean()).isTrue();
    assertThat(m.path("completedOn").asString()).isEqualTo("2024-04-28");

    assertProblem(api.post(base + first + "/complete", TOWNSHIP, Map.of("completedOn", "2024-04-29")), 409,
        "milestone-already-completed");
    assertProblem(api.post(base + "nope/complete", TOWNSHIP, Map.of("completedOn", "2024-04-29")), 404, "not-found");
    assertProblem(api.post("/api/projects/nope/milestones/x/complete", TOWNSHIP, Map.of("completedOn", "2024-04-29")), 404, "not-found");
    assertProblem(api.post(base + second + "/complete", NOT_LEAD, Map.of("completedOn", "2024-04-29")), 403, "forbidden");
    assertProblem(api.post(base + second + "/complete", COUNTY, Map.of("completedOn", "2024-04-29")), 403, "forbidden");
    assertProblem(api.post(base + second + "/complete", LEAD, Map.of()), 400, "validation");
    assertProblem(api.post(base + second + "/complete", LEAD, Map.of("completedOn", "2024-05-01"), "If-Match", "\"1\""), 412,
        "stale-version");
    Api.Response byLead = api.post(base + second + "/complete", LEAD, Map.of("completedOn", "2024-05-01"));
    assertThat(byLead.status()).isEqualTo(200);
    assertThat(byLead.json().path("milestones").get(1).path("completedOn").asString()).isEqualTo("2024-05-01");

    JsonNode history = api.get("/api/projects/" + id + "/history", COUNTY).json();
    assertThat(history.path("items").get(1).path("action").asString()).isEqualTo("milestone-completed");
    assertThat(history.path("items").get(1).path("details").path("milestoneId").asString()).isEqualTo(first);
  }

  @Test
  void overdueAndFilters() {
    // due 2024-05-01, today 2024-06-01: overdue
    JsonNode late = create(with(project("逾期项目"), "industry", "FRESH_FRUIT"));
    JsonNode onTime = create(with(with(project("按期项目"), "industry", "EDIBLE_FUNGI"),
        "milestones", List.of(Map.of("title", "出菇", "dueDate", "2024-06-01"))));
    String lateId = late.path("id").asString();
    String onTimeId = onTime.path("id").asString();
    assertThat(late.path("overdue").asBoolean()).isTrue();
    assertThat(late.path("milestones").get(0).path("overdue").asBoolean()).isTrue();
    assertThat(onTime.path("overdue").asBoolean()).isFalse();

    assertThat(ids("/api/projects?overdue=true&size=500")).contains(lateId).doesNotContain(onTimeId);
    assertThat(ids("/api/projects?overdue=false&size=500")).contains(onTimeId).doesNotContain(lateId);
    assertThat(ids("/api/projects?industry=EDIBLE_FUNGI&size=500")).contains(onTimeId).doesNotContain(lateId);
    assertThat(ids("/api/projects?villageCode=CG002&size=500")).contains(lateId, onTimeId);
    assertThat(ids("/api/projects?villageCode=XZ001")).isEmpty();

    moveTo(onTimeId, "APPROVED");
    assertThat(ids("/api/projects?status=APPROVED&size=500")).contains(onTimeId).doesNotContain(lateId);
    assertThat(ids("/api/projects?status=APPROVED&industry=FRESH_FRUIT&size=500")).doesNotContain(onTimeId, lateId);

    String ms = late.path("milestones").get(0).path("id").asString();
    api.post("/api/projects/" + lateId + "/milestones/" + ms + "/complete", TOWNSHIP, Map.of("completedOn", "2024-06-01"));
    assertThat(ids("/api/projects?overdue=true&size=500")).doesNotContain(lateId);

    assertProblem(api.get("/api/projects?status=DONE", COUNTY), 400, "validation");
    assertProblem(api.get("/api/projects?industry=RICE", COUNTY), 400, "validation");
    assertThat(api.get("/api/projects?overdue=maybe", COUNTY).status()).isEqualTo(400);

    JsonNode page = api.get("/api/projects?page=0&size=1", COUNTY).json();
    assertThat(page.path("items")).hasSize(1);
    assertThat(page.path("size").asInt()).isEqualTo(1);
    assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void pagesComeFromTheDatabaseInOrderWithoutRepeatsOrGaps() {
    for (int i = 0; i < 5; i++) create(project("分页项目" + i));
    List<String> all = ids("/api/projects?size=500");
    long total = api.get("/api/projects?size=1", COUNTY).json().path("total").asLong();
    assertThat(total).isEqualTo(all.size()).isGreaterThanOrEqualTo(5);
    List<String> paged = new ArrayList<>();
    for (int page = 0; page * 2 < total; page++) {
      Api.Response r = api.get("/api/projects?size=2&page=" + page, COUNTY);
      assertThat(r.json().path("total").asLong()).isEqualTo(total);
      assertThat(r.json().path("items").size()).isLessThanOrEqualTo(2);
      r.json().path("items").forEach(p -> paged.add(p.path("id").asString()));
    }
    assertThat(paged).containsExactlyElementsOf(all);
    Api.Response past = api.get("/api/projects?size=2&page=" + (total / 2 + 5), COUNTY);
    assertThat(past.json().path("items").size()).isZero();
    assertThat(past.json().path("total").asLong()).isEqualTo(total);
  }

  List<String> ids(String path) {
    Api.Response r = api.get(path, COUNTY);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    r.json().path("items").forEach(p -> out.add(p.path("id").asString()));
    return out;
  }

  // ---- events

  @Test
  void everyChangeIsPublishedOnTheProjectsTopicInOrder() {
    JsonNode created = create(project("事件项目"));
    String id = created.path("id").asString();
    String ms = created.path("milestones").get(0).path("id").asString();
    moveTo(id, "APPROVED");
    moveTo(id, "IN_PROGRESS");
    String reportId = api.post("/api/projects/" + id + "/progress", LEAD, Map.of("percentComplete", 30, "reportedOn", "2024-06-01"))
        .json().path("id").asString();
    api.post("/api/projects/" + id + "/milestones/" + ms + "/complete", LEAD, Map.of("completedOn", "2024-05-20"));

    String topic = Topics.named(RealInfrastructure.properties(ProjectApiIT.class).get("village.kafka.topic-prefix"), Topics.PROJECTS);
    Properties props = KafkaSettings.consumer(RealInfrastructure.kafkaBootstrapServers(), "test-" + UUID.randomUUID(), "test");
    List<JsonNode> events = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(200))) {
          if (rec.key().equals(id)) events.add(Api.JSON.readTree(rec.value()));
        }
        return events.size() >= 5;
      });
    }
    assertThat(events).extracting(e -> e.path("type").asString())
        .containsExactly("ProjectRegistered", "ProjectStatusChanged", "ProjectStatusChanged", "ProjectProgressReported",
            "MilestoneCompleted");
    assertThat(events).extracting(e -> e.path("sequence").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(events).allSatisfy(e -> assertThat(e.path("aggregateId").asString()).isEqualTo(id));

    JsonNode registered = events.get(0).path("data");
    assertThat(registered.path("plannedInvestment").asString()).isEqualTo("1500000.00");
    assertThat(registered.path("status").asString()).isEqualTo("PLANNED");
    assertThat(registered.path("milestones").get(0).path("milestoneId").asString()).isEqualTo(ms);
    assertThat(registered.path("villageCodes")).hasSize(2);
    assertThat(events.get(0).path("actor").asString()).isEqualTo("township-" + HOME);
    assertThat(events.get(2).path("data").path("to").asString()).isEqualTo("IN_PROGRESS");
    assertThat(events.get(3).path("data").path("reportId").asString()).isEqualTo(reportId);
    assertThat(events.get(3).path("actor").asString()).isEqualTo("org-user-org-1");
    assertThat(events.get(4).path("data").path("milestoneId").asString()).isEqualTo(ms);
    assertThat(events.get(4).path("data").path("completedOn").asString()).isEqualTo("2024-05-20");
  }
}
