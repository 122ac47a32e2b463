package village.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFootnote;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import village.devstack.Api;
import village.devstack.RealInfrastructure;
import village.events.DomainEvent;
import village.events.Topics;
import village.events.funds.CollectiveIncomeReported;
import village.messaging.EventCodec;
import village.messaging.KafkaSettings;
import village.messaging.Outbox;
import village.messaging.OutboxEntry;

/**
 * The drafted report against real Kafka and Mongo: the township of the seed report sent as the write services' envelopes,
 * then the report in Markdown, HTML and DOCX (parsed back with POI) states every figure as the report does, each link or
 * footnote followed against this service returns the number the text states, and verify finds a changed figure.
 */
@ExtendWith(RealInfrastructure.class)
@SpringBootTest(webEnvironment = RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportApiIT {
  static final String T = TownshipFixture.T;
  static final String TQ = "%E5%9F%8E%E5%85%B3%E9%95%87";
  static final String TOWNSHIP = Api.township(T);
  static final String COUNTY = Api.county();
  static final String REPORT = "/api/stats/report?year=2023&township=" + TQ;
  static final List<String> SENTENCES = List.of(
      "2023年，组织镇机关、下属事业单位、企业、社会组织，与全镇28个村、社区全覆盖手拉手结对共建，共谋推进乡村振兴、基层治理等重点工作，"
          + "带动社会资本投资5000万元，谋划实施农业产业化项目9个，帮助解决问题400余个。",
      "目前，已培育形成5万亩特色红薯、7万亩优质鲜果、4万亩绿色蔬菜、2万亩优质核桃、2000万棒绿色食用菌等产业基地，"
          + "全镇村级集体经济收入1000余万元，收入超20万元和50万元的村分别为10个和18个，均达到或超过2022年全年水平。");
  static KafkaProducer<String, String> producer;
  static Outbox outbox;

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    RealInfrastructure.properties(ReportApiIT.class).forEach((k, v) -> r.add(k, () -> v));
  }

  @BeforeAll
  static void producer() {
    producer = new KafkaProducer<>(KafkaSettings.producer(RealInfrastructure.kafkaBootstrapServers(), "test"));
    outbox = new Outbox(new EventCodec(), RealInfrastructure.properties(ReportApiIT.class).get("village.kafka.topic-prefix"),
        Clock.systemUTC());
  }

  /** The township's events, once the service is up (it creates the topics; the broker does not). */
  static void township() {
    for (TownshipFixture.Event e : TownshipFixture.events()) send(e.data(), e.sequence());
    producer.flush();
  }

  @AfterAll
  static void close() {
    producer.close();
  }

  static void send(DomainEvent event, long sequence) {
    String pkg = event.getClass().getPackageName();
    String topic = pkg.endsWith(".funds") ? Topics.FUNDS : pkg.endsWith(".project") ? Topics.PROJECTS : Topics.PARTNERSHIPS;
    OutboxEntry e = outbox.entry(topic, event, sequence, "test", Map.of());
    producer.send(new ProducerRecord<>(e.topic(), e.key(), e.payload()));
  }

  @Value("${local.server.port}")
  int port;

  Api api() {
    return new Api(port);
  }

  @Test
  @Order(1)
  void theMarkdownStatesEveryFigureAndEachFootnoteReturnsIt() {
    township();
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      JsonNode o2023 = api().get("/api/stats/overview?year=2023&township=" + TQ, COUNTY).json();
      JsonNode o2022 = api().get("/api/stats/overview?year=2022&township=" + TQ, COUNTY).json();
      return o2023.path("needs").path("resolved").asLong() == 412
          && "11984700.00".equals(o2023.path("collectiveIncome").path("total").asString())
          && "11810700.00".equals(o2022.path("collectiveIncome").path("total").asString());
    });
    Api.Response r = api().get(REPORT + "&format=md", TOWNSHIP);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/markdown");
    String md = r.text();
    String prose = md.replaceAll("\\[\\^\\d+]", "");
    SENTENCES.forEach(s -> assertThat(prose).contains(s));
    assertThat(md).startsWith("# 城关镇2023年手拉手结对共建和产业振兴情况");

    List<Slot> slots = slots(between(md, "<!-- village-report-slots\n", "\n-->"));
    assertThat(slots).hasSizeGreaterThanOrEqualTo(15);
    for (int i = 0; i < slots.size(); i++) {
      Slot s = slots.get(i);
      String note = line(md, "[^" + (i + 1) + "]: ");
      assertThat(note).contains("](" + s.query() + ")").contains("`" + s.field() + "`").contains(ExactFigures.exact(s));
      assertFollowed(s.query(), s.field(), s.value(), s.measure(), s.display());
      if (!s.name().endsWith("Previous") && !s.name().equals("villagesCovered")) {
        assertThat(md).contains(s.display() + "[^" + (i + 1) + "]");
      }
    }
    assertThat(md).contains("数据截至" + slots.get(0).asOf() + "（asOf）");
  }

  @Test
  @Order(2)
  void theHtmlLinksEachFigureToAQueryThatReturnsIt() {
    Api.Response r = api().get(REPORT + "&format=html", COUNTY);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    String html = r.text();
    List<Slot> slots = slots(between(html, "<script type=\"application/json\" id=\"village-report-slots\">", "</script>"));
    Matcher a = Pattern.compile("<a class=\"figure\" data-slot=\"(\\d+)\" href=\"([^\"]+)\" title=\"([^\"]+)\">([^<]+)</a>").matcher(html);
    int links = 0;
    while (a.find()) {
      links++;
      Slot s = slots.get(Integer.parseInt(a.group(1)) - 1);
      String href = a.group(2).replace("&amp;", "&");
      assertThat(a.group(3)).contains(ExactFigures.exact(s));
      assertFollowed(href, s.field(), s.value(), s.measure(), a.group(4));
    }
    assertThat(links).isEqualTo(12); // the figures the text states (全覆盖 and 2022年全年水平 rest on others)
    String text = html.replaceAll("<sup>.*?</sup>", "").replaceAll("<[^>]+>", "");
    SENTENCES.forEach(s -> assertThat(text).contains(s));
  }

  @Test
  @Order(3)
  void theDocxHasTheSameTextRealFootnotesA4AndGovernmentFonts() throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + REPORT + "&format=docx")).header("Authorization", "Bearer " + TOWNSHIP).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;").contains(".docx");
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(r.body()))) {
      StringBuilder body = new StringBuilder();
      for (XWPFParagraph p : doc.getParagraphs()) { // the runs' text: the paragraph's getText() adds the footnotes
        for (XWPFRun run : p.getRuns()) if (run.getCTR().sizeOfTArray() > 0) body.append(run.getText(0));
        body.append('\n');
      }
      SENTENCES.forEach(s -> assertThat(body.toString()).contains(s));
      assertThat(body.toString()).contains("数据截至");
      var size = doc.getDocument().getBody().getSectPr().getPgSz();
      assertThat(((java.math.BigInteger) size.getW()).intValue()).isEqualTo(11906);
      assertThat(((java.math.BigInteger) size.getH()).intValue()).isEqualTo(16838);
      XWPFParagraph first = doc.getParagraphs().stream().filter(p -> p.getText().startsWith("2023年，")).findFirst().orElseThrow();
      XWPFRun run = first.getRuns().get(0);
      assertThat(run.getCTR().getRPr().getRFontsArray(0).getEastAsia()).isEqualTo("仿宋");
      assertThat(doc.getParagraphs().get(0).getRuns().get(0).getCTR().getRPr().getRFontsArray(0).getEastAsia()).isEqualTo("黑体");

      StringBuilder tables = new StringBuilder();
      doc.getTables().forEach(t -> tables.append(t.getText()));
      assertThat(tables.toString()).contains("11984700.00元").contains("investment.bySource.SOCIAL_CAPITAL.committed");
      List<XWPFFootnote> notes = doc.getFootnotes().stream().filter(n -> text(n).contains("来源：GET")).toList();
      assertThat(notes).hasSize(17); // 16 slots, the villages' total cited twice (28个 and 全覆盖)
      // each footnote reference sits in the body text; each footnote, followed, returns its exact value
      assertThat(first.getCTP().xmlText()).contains("footnoteReference");
      Pattern note = Pattern.compile("：([0-9.]+)[^0-9（]*（文中“([^”]+)”）。来源：GET (\\S+) → (\\S+)，asOf");
      for (XWPFFootnote n : notes) {
        Matcher m = note.matcher(text(n));
        assertThat(m.find()).as(text(n)).isTrue();
        assertFollowed(m.group(3), m.group(4), m.group(1), null, null);
        assertThat(body + tables.toString()).contains(m.group(2));
      }
    }
  }

  @Test
  @Order(4)
  void verifyFindsTheFiguresThatChanged() {
    Api.Response drafted = api().get(REPORT + "&format=json", TOWNSHIP);
    assertThat(drafted.status()).as(drafted.toString()).isEqualTo(200);
    assertThat(drafted.json().path("sections").path(1).path("text").asString()).contains("均达到或超过2022年全年水平");
    Api.Response same = api().post("/api/stats/report/verify", TOWNSHIP, drafted.text());
    assertThat(same.status()).as(same.toString()).isEqualTo(200);
    assertThat(same.json().path("changed").size()).isZero();
    assertThat(same.json().path("checked").asInt()).isEqualTo(drafted.json().path("slots").size());

    // CG001's 2022 income corrected upwards: 2022's total and its band above 500k change, and with them the sentence
    send(new CollectiveIncomeReported("CG001", T, 2022, "600000.00"), 2);
    producer.flush();
    await().atMost(Duration.ofSeconds(30)).until(() ->
        api().post("/api/stats/report/verify", TOWNSHIP, drafted.text()).json().path("changed").size() == 2);
    JsonNode changed = api().post("/api/stats/report/verify", TOWNSHIP, drafted.text()).json().path("changed");
    List<String> names = new ArrayList<>();
    changed.forEach(c -> names.add(c.path("name").asString()));
    assertThat(names).containsExactlyInAnyOrder("collectiveIncomePrevious", "villagesIncome500kPrevious");
    JsonNode income = changed.get(names.indexOf("collectiveIncomePrevious"));
    assertThat(income.path("value").asString()).isEqualTo("11810700.00");
    assertThat(income.path("current").asString()).isEqualTo("12217700.00");
    String now = api().get(REPORT + "&format=json", TOWNSHIP).json().path("sections").path(1).path("text").asString();
    assertThat(now).contains("其中收入超20万元的村数、收入超50万元的村数达到或超过2022年全年水平，村级集体经济收入低于2022年全年水平。");
  }

  @Test
  @Order(5)
  void callersAndBadRequests() {
    assertThat(api().get(REPORT, Api.organization("o1")).status()).isEqualTo(403);
    assertThat(api().get("/api/stats/report?year=2023&township=%E8%A5%BF%E9%95%87", TOWNSHIP).status()).isEqualTo(403);
    assertThat(api().get("/api/stats/report?township=" + TQ, TOWNSHIP).status()).isEqualTo(400);
    assertThat(api().get("/api/stats/report?year=1900", COUNTY).status()).isEqualTo(400);
    assertThat(api().get("/api/stats/report?year=abc", COUNTY).status()).isEqualTo(400);
    Api.Response pdf = api().get(REPORT + "&format=pdf", COUNTY);
    assertThat(pdf.status()).isEqualTo(400);
    assertThat(pdf.header("Content-Type")).startsWith("application/problem+json");
    // a TOWNSHIP token verifies only its own township's slots
    String other = "{\"slots\":[{\"name\":\"x\",\"query\":\"/api/stats/overview?year=2023&township=%E8%A5%BF%E9%95%87\","
        + "\"field\":\"villages.total\",\"value\":\"1\"}]}";
    assertThat(api().post("/api/stats/report/verify", TOWNSHIP, other).status()).isEqualTo(403);
    Api.Response bad = api().post("/api/stats/report/verify", COUNTY,
        "{\"slots\":[{\"name\":\"x\",\"query\":\"/api/partnerships\",\"field\":\"villages.total\",\"value\":\"1\"}]}");
    assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
    assertThat(bad.text()).contains("slots[0].query");
    assertThat(api().post("/api/stats/report/verify", COUNTY, "{}").status()).isEqualTo(400);
    assertThat(api().post("/api/stats/report/verify", COUNTY, "{\"slots\":[{\"value\":5}]}").status()).isEqualTo(400);
    Api.Response county = api().get("/api/stats/report?year=2023&format=json", COUNTY);
    assertThat(county.status()).isEqualTo(200);
    assertThat(county.json().path("title").asString()).startsWith("全县2023年");
  }

  /** GET {@code query} on this service: the figure at {@code field} is {@code value}, and written as {@code display}. */
  void assertFollowed(String query, String field, String value, String measure, String display) {
    Api.Response r = api().get(query, COUNTY);
    assertThat(r.status()).as(query + " → " + r).isEqualTo(200);
    Object found = new FieldPath(field).read(Api.JSON.convertValue(r.json(), Map.class));
    BigDecimal exact = SlotValues.exact(found);
    assertThat(exact).as(query + " " + field).isNotNull();
    assertThat(exact).as(query + " " + field).isEqualByComparingTo(new BigDecimal(value));
    if (measure != null) assertThat(Measure.valueOf(measure).format(exact)).isEqualTo(display);
  }

  static String text(XWPFFootnote note) {
    StringBuilder sb = new StringBuilder();
    note.getParagraphs().forEach(p -> sb.append(p.getText()));
    return sb.toString();
  }

  static List<Slot> slots(String json) {
    JsonNode slots = Api.JSON.readTree(json).path("slots");
    List<Slot> out = new ArrayList<>();
    slots.forEach(s -> out.add(Api.JSON.treeToValue(s, Slot.class)));
    return out;
  }

  static String between(String text, String start, String end) {
    int i = text.indexOf(start);
    assertThat(i).as("no " + start).isGreaterThanOrEqualTo(0);
    int j = text.indexOf(end, i + start.length());
    return text.substring(i + start.length(), j);
  }

  static String line(String text, String start) {
    int i = text.indexOf("\n" + start);
    assertThat(i).as("no line " + start).isGreaterThanOrEqualTo(0);
    int j = text.indexOf('\n', i + 1);
    return text.substring(i + 1, j < 0 ? text.length() : j);
  }
}
