package village.reporting.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import village.events.DomainEvent;
import village.events.EventEnvelope;
import village.events.EventTypes;
import village.messaging.EventCodec;
import village.reporting.readmodel.ReadModel;

/**
 * The consumer's side of the event contract: the producers' golden files (event-contracts,
 * {@code events/<producer>/<Type>.v1.json}) are decoded and applied to the read model, and the statistics they make
 * are checked figure by figure. A producer changing an event's wire form (a renamed field, another amount format)
 * changes a golden file, and this build then fails here, in the consumer, not in production. A new event type must
 * be placed in {@link #ORDER} with what it counts.
 */
class GoldenEventsConsumerTest {
  private static final EventCodec CODEC = new EventCodec();

  /** The golden samples form one story (a village, its pairing, a need, a project, a fund); applied in this order. */
  static final List<String> ORDER = List.of("VillageRegistered", "OrganizationRegistered", "PartnershipRegistered",
      "ResourceOffered", "NeedPosted", "NeedClaimed", "NeedReleased", "NeedResolved", "ProjectRegistered", "ProjectStatusChanged",
      "ProjectProgressReported", "MilestoneCompleted", "FundCommitted", "FundDisbursed", "DisbursementReversed",
      "CollectiveIncomeReported", "PartnershipEnded");

  static EventEnvelope<DomainEvent> golden(String type) throws IOException {
    Class<? extends DomainEvent> cls = EventTypes.resolve(type, 1).orElseThrow();
    String producer = cls.getPackageName().substring("village.events.".length());
    String resource = "events/" + producer + "/" + type + ".v1.json";
    try (InputStream in = GoldenEventsConsumerTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as("golden file " + resource).isNotNull();
      return CODEC.decode(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
    }
  }

  @Test
  void everyEventTypeHasAGoldenFileAndAPlaceInTheStory() {
    assertThat(ORDER).as("every event type the producers publish is consumed here")
        .containsExactlyInAnyOrderElementsOf(EventTypes.names());
  }

  @Test
  void theGoldenEventsMakeTheFiguresTheyDescribe() throws IOException {
    ReadModel model = new ReadModel();
    Map<String, Long> sequences = new HashMap<>();
    Map<String, Map<String, Object>> after = new HashMap<>();
    for (String type : ORDER) {
      EventEnvelope<DomainEvent> e = golden(type);
      long seq = sequences.merge(ReadModel.keyOf(e.data()), 1L, Long::sum);
      var renumbered = new EventEnvelope<>(e.eventId(), e.type(), e.schemaVersion(), e.aggregateType(), e.aggregateId(), seq, e.occurredAt(), e.actor(), e.data());
      assertThat(model.plan(renumbered)).as(type + " is applied").isPresent().get().satisfies(model::commit);
      after.put(type, model.overview("城关镇", 2023));
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
