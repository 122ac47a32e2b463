package village.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import village.events.DomainEvent;
import village.events.EventEnvelope;
import village.events.EventTypes;
import village.events.funds.CollectiveIncomeReported;
import village.events.funds.DisbursementReversed;
import village.events.funds.FundCommitted;
import village.events.funds.FundDisbursed;
import village.events.partnership.NeedClaimed;
import village.events.partnership.NeedPosted;
import village.events.partnership.NeedReleased;
import village.events.partnership.NeedResolved;
import village.events.partnership.OrganizationRegistered;
import village.events.partnership.PartnershipEnded;
import village.events.partnership.PartnershipRegistered;
import village.events.partnership.ResourceOffered;
import village.events.partnership.VillageRegistered;
import village.events.project.MilestoneCompleted;
import village.events.project.ProjectProgressReported;
import village.events.project.ProjectRegistered;
import village.events.project.ProjectStatusChanged;

/**
 * The wire form of every event is pinned by a golden file in event-contracts
 * ({@code events/<producer>/<Type>.v1.json}, on the classpath): a change to a record that alters its JSON breaks
 * this build, not a consumer in production. Consumers' tests read the same files. Regenerate deliberately with
 * {@code -Dgolden.update=true} (additive changes only within a schema version).
 */
class GoldenEventsTest {
  private static final EventCodec CODEC = new EventCodec();
  private static final Instant AT = Instant.parse("2023-06-01T02:03:04Z");

  static Stream<DomainEvent> samples() {
    LocalDate d = LocalDate.of(2023, 6, 1);
    return Stream.of(
        new VillageRegistered("CG001", "东关村", "VILLAGE", "城关镇", "安平县"),
        new OrganizationRegistered("org-1", "安平县城关镇农业综合服务中心", "PUBLIC_INSTITUTION", "12131125MB1234567X"),
        new PartnershipRegistered("ptn-1", "org-1", "PUBLIC_INSTITUTION", "CG001", "城关镇", d, List.of("INDUSTRY", "MARKETING")),
        new PartnershipEnded("ptn-1", "org-1", "CG001", d.plusMonths(6), "结对期满"),
        new NeedPosted("need-1", "CG001", "城关镇", "INFRASTRUCTURE", "修缮灌溉水渠"),
        new NeedResolved("need-1", "CG001", "ptn-1", d.plusDays(20)),
        new NeedClaimed("need-1", "CG001", "城关镇", "INFRASTRUCTURE", "org-1", 85, 2),
        new NeedReleased("need-1", "CG001", "org-1", "人手不足，无法按期完成"),
        new ResourceOffered("org-1", "res-1", "TALENT", "农技专家驻村指导"),
        new ProjectRegistered("prj-1", "5万亩红薯产业基地", "SWEET_POTATO", List.of("CG001", "CG002"), List.of("ptn-1"), "org-1",
            new BigDecimal("50000"), "MU", "12000000.00", d, d.plusYears(1), "PLANNED",
            List.of(new ProjectRegistered.Milestone("ms-1", "育苗完成", d.plusMonths(2)))),
        new ProjectStatusChanged("prj-1", "PLANNED", "APPROVED", "镇党委会审议通过"),
        new ProjectProgressReported("prj-1", "rep-1", 40, d.plusMonths(3), "已栽插2万亩"),
        new MilestoneCompleted("prj-1", "ms-1", d.plusMonths(2)),
        new FundCommitted("fund-1", "SOCIAL_CAPITAL", "org-2", "prj-1", "CG001", "城关镇", "5000000.00", d),
        new FundDisbursed("fund-1", "dis-1", "1200000.50", d.plusMonths(1)),
        new DisbursementReversed("fund-1", "dis-1", "1200000.50", d.plusMonths(1), "重复录入"),
        new CollectiveIncomeReported("CG001", "城关镇", 2023, "612000.00"));
  }

  static String producer(DomainEvent e) {
    return e.getClass().getPackageName().substring("village.events.".length());
  }

  static EventEnvelope<DomainEvent> envelope(DomainEvent e) {
    UUID id = UUID.nameUUIDFromBytes(e.type().getBytes(StandardCharsets.UTF_8));
    return new EventEnvelope<>(id, e.type(), e.schemaVersion(), e.aggregateType(), e.aggregateId(), 3, AT, "local-township", e);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void eventMatchesItsGoldenFile(DomainEvent event) throws IOException {
    String resource = "events/" + producer(event) + "/" + event.type() + ".v1.json";
    String encoded = CODEC.encode(envelope(event)) + "\n";
    if (Boolean.getBoolean("golden.update")) {
      Path file = Path.of("../event-contracts/src/main/resources", resource);
      Files.createDirectories(file.getParent());
      Files.writeString(file, encoded);
    }
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as("golden file %s (regenerate with -Dgolden.update=true)", resource).isNotNull();
      String golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(encoded).isEqualTo(golden);
      assertThat(CODEC.decode(golden.strip())).isEqualTo(envelope(event));
    }
  }

  @Test
  void everyEventTypeHasASample() {
    assertThat(samples().map(DomainEvent::type)).containsExactlyInAnyOrderElementsOf(EventTypes.names());
  }
}
