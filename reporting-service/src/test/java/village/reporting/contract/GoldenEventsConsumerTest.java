package village.reporting.contract;

import static village.reporting.readmodel.QueriesAsJson.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import village.events.DomainEvent;
import village.events.EventEnvelope;
import village.events.EventTypes;
import village.messaging.EventCodec;
import village.reporting.readmodel.Projection;

/**
 * The consumer's side of the event contract: the producers' golden files (event-contracts,
 * {@code events/<producer>/<Type>.v1.json}) are decoded and applied to the read model, and the statistics they make
 * are checked figure by figure. A producer changing an event's wire form (a renamed field, another amount format)
 * changes a golden file, and this build then fails here, in the consumer, not in production. A new event type must
 * be placed in {@link #ORDER} with what it counts. Any other change to a golden file (a field this consumer does not count)
 * fails too: each file must round-trip through the consumer's records, and its hash is pinned here.
 */
class GoldenEventsConsumerTest {
  private static final EventCodec CODEC = new EventCodec();

  /** The golden samples form one story (a village, its pairing, a need, a project, a fund); applied in this order. */
  static final List<String> ORDER = List.of("VillageRegistered", "OrganizationRegistered", "PartnershipRegistered",
      "ResourceOffered", "NeedPosted", "NeedClaimed", "NeedReleased", "NeedResolved", "ProjectRegistered", "ProjectStatusChanged",
      "ProjectProgressReported", "MilestoneCompleted", "FundCommitted", "FundDisbursed", "DisbursementReversed",
      "CollectiveIncomeReported", "PartnershipEnded");

  static String resource(String type) {
    Class<? extends DomainEvent> cls = EventTypes.resolve(type, 1).orElseThrow();
    return "events/" + cls.getPackageName().substring("village.events.".length()) + "/" + type + ".v1.json";
  }

  /** The golden file of {@code type} as the producers' event-contracts jar has it. */
  static String text(String type) throws IOException {
    try (InputStream in = GoldenEventsConsumerTest.class.getClassLoader().getResourceAsStream(resource(type))) {
      assertThat(in).as("golden file " + resource(type)).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }

  static EventEnvelope<DomainEvent> golden(String type) throws IOException {
    return CODEC.decode(text(type));
  }

  /**
   * What this consumer last checked each golden file against, by SHA-256 ({@code contract/golden-events.sha256}): any
   * change to a producer's golden file fails this build until the consumer is checked against it (and this test's
   * figures still hold) and the pin is renewed ({@code -Dgolden.accept=true} rewrites it).
   */
  @Test
  void everyGoldenFileIsTheOneThisConsumerWasCheckedAgainst() throws Exception {
    Path pins = Path.of("src/test/resources/contract/golden-events.sha256");
    Map<String, String> now = new TreeMap<>();
    for (String type : ORDER) now.put(resource(type), sha256(text(type)));
    if (Boolean.getBoolean("golden.accept")) {
      StringBuilder sb = new StringBuilder();
      now.forEach((file, hash) -> sb.append(hash).append("  ").append(file).append('\n'));
      Files.writeString(pins, sb.toString());
    }
    Map<String, String> pinned = new TreeMap<>();
    for (String line : Files.readAllLines(pins)) {
      if (line.isBlank()) continue;
      String[] parts = line.split("\\s+", 2);
      pinned.put(parts[1], parts[0]);
    }
    assertThat(now).as("the producers' golden files changed: check reporting against them, then renew the pin with "
        + "-Dgolden.accept=true").isEqualTo(pinned);
  }

  /**
   * Each golden file says nothing this consumer does not read, and lacks nothing it reads: decoded into the consumer's
   * records and encoded again it is the same JSON (a renamed, removed or added field fails here).
   */
  @Test
  void everyGoldenFileIsReadWhole() throws IOException {
    for (String type : ORDER) {
      assertThat(CODEC.encode(golden(type))).as(resource(type)).isEqualTo(text(type));
    }
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void everyEventTypeHasAGoldenFileAndAPlaceInTheStory() {
    assertThat(ORDER).as("every event type the producers publish is consumed here")
        .containsExactlyInAnyOrderElementsOf(EventTypes.names());
  }

  @Test
  void theGoldenEventsMakeTheFiguresTheyDescribe() throws IOException {
    Projection model = new Projection();
    Map<String, Long> sequences = new HashMap<>();
    Map<String, Map<String, Object>> after = new HashMap<>();
    for (String type : ORDER) {
      EventEnvelope<DomainEvent> e = golden(type);
      long seq = sequences.merge(Projection.keyOf(e), 1L, Long::sum);
      var renumbered = new EventEnvelope<>(e.eventId(), e.type(), e.schemaVersion(), e.aggregateType(), e.aggregateId(), seq, e.occurredAt(), e.actor(), e.data());
      assertThat(model.plan(renumbered)).as(type + " is applied").isPresent().get().satisfies(model::commit);
      after.put(type, overview(model, "城关镇", 2023));
    }
    // the village of VillageRegistered.v1.json, paired by PartnershipRegistered.v1.json (a public institution)
    assertThat(at(after, "PartnershipRegistered", "villages", "covered")).isEqualTo(1L);
    assertThat(at(after, "PartnershipRegistered", "partnerships", "byOrganizationType", "PUBLIC_INSTITUTION")).isEqualTo(1L);
    assertThat(at(after, "NeedPosted", "needs", "open")).isEqualTo(1L);
    // NeedClaimed.v1.json: org-1 claims it (认领); NeedReleased.v1.json gives it back
    assertThat(at(after, "NeedClaimed", "needs", "claimed")).isEqualTo(1L);
    assertThat(at(after, "NeedReleased", "needs", "claimed")).isEqualTo(0L);
    assertThat(at(after, "NeedResolved", "needs", "resolved")).isEqualTo(1L);
    assertThat(at(after, "NeedResolved", "needs", "open")).isEqualTo(0L);
    // ProjectRegistered.v1.json: 5万亩 sweet potato, then approved
    assertThat(at(after, "ProjectRegistered", "projects", "byStatus", "PLANNED")).isEqualTo(1L);
    assertThat(at(after, "ProjectStatusChanged", "projects", "byStatus", "APPROVED")).isEqualTo(1L);
    assertThat(after.get("ProjectRegistered").get("industryScale").toString()).isEqualTo("[{industry=SWEET_POTATO, unit=MU, quantity=50000}]");
    // FundCommitted 5,000,000.00 of social capital; 1,200,000.50 disbursed, then reversed
    assertThat(at(after, "FundCommitted", "investment", "bySource", "SOCIAL_CAPITAL", "committed")).isEqualTo("5000000.00");
    assertThat(at(after, "FundDisbursed", "investment", "disbursed")).isEqualTo("1200000.50");
    assertThat(at(after, "DisbursementReversed", "investment", "disbursed")).isEqualTo("0.00");
    // CollectiveIncomeReported: 612,000.00 yuan for 2023, the band of at least 500k
    assertThat(at(after, "CollectiveIncomeReported", "collectiveIncome", "total")).isEqualTo("612000.00");
    assertThat(at(after, "CollectiveIncomeReported", "collectiveIncome", "bands", "atLeast500k")).isEqualTo(1L);
    // PartnershipEnded: the village is no longer covered
    assertThat(at(after, "PartnershipEnded", "partnerships", "byOrganizationType", "PUBLIC_INSTITUTION")).isEqualTo(0L);
    assertThat(at(after, "PartnershipEnded", "villages", "covered")).isEqualTo(0L);
  }

  @SuppressWarnings("unchecked")
  private static Object at(Map<String, Map<String, Object>> after, String type, String... path) {
    Object o = after.get(type);
    for (String p : path) o = ((Map<String, Object>) o).get(p);
    return o instanceof Number n && !(o instanceof java.math.BigDecimal) ? (Object) n.longValue() : o == null ? null : o instanceof String ? o : o.toString();
  }
}
