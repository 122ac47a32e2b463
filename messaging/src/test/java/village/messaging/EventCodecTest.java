package village.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import village.events.AggregateType;
import village.events.DomainEvent;
import village.events.EventEnvelope;
import village.events.partnership.PartnershipRegistered;

class EventCodecTest {
  private final EventCodec codec = new EventCodec();

  @Test
  void roundTripsAnEnvelopeWithChineseTextAndDates() {
    var event = new PartnershipRegistered("p-1", "o-1", "ENTERPRISE", "CG001", "城关镇", LocalDate.of(2023, 3, 1), List.of("INDUSTRY"));
    var envelope = EventEnvelope.of(event, 1, Instant.parse("2023-03-01T08:00:00Z"), "township-user");

    String json = codec.encode(envelope);
    EventEnvelope<DomainEvent> back = codec.decode(json);

    assertThat(json).contains("\"type\":\"PartnershipRegistered\"").contains("\"schemaVersion\":1")
        .contains("\"aggregateType\":\"PARTNERSHIP\",\"aggregateId\":\"p-1\"")
        .contains("\"startDate\":\"2023-03-01\"").contains("城关镇").doesNotContain("village.events");
    assertThat(back).isEqualTo(envelope);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "not json",
      "[1,2]",
      "{}",
      "{\"eventId\":\"6b1f1f9e-8a8a-4c4c-9d9d-1a1a1a1a1a1a\",\"type\":\"Nope\",\"schemaVersion\":1,\"aggregateId\":\"a\",\"sequence\":1,\"occurredAt\":\"2023-01-01T00:00:00Z\",\"data\":{}}",
      "{\"eventId\":\"6b1f1f9e-8a8a-4c4c-9d9d-1a1a1a1a1a1a\",\"type\":\"NeedPosted\",\"schemaVersion\":2,\"aggregateType\":\"NEED\",\"aggregateId\":\"n\",\"sequence\":1,\"occurredAt\":\"2023-01-01T00:00:00Z\",\"data\":{\"needId\":\"n\"}}",
      "{\"eventId\":\"6b1f1f9e-8a8a-4c4c-9d9d-1a1a1a1a1a1a\",\"type\":\"NeedPosted\",\"schemaVersion\":1,\"aggregateType\":\"NEED\",\"aggregateId\":\"n\",\"sequence\":1,\"occurredAt\":\"2023-01-01T00:00:00Z\"}",
      "{\"eventId\":\"6b1f1f9e-8a8a-4c4c-9d9d-1a1a1a1a1a1a\",\"type\":\"NeedPosted\",\"schemaVersion\":1,\"aggregateType\":\"NEED\",\"aggregateId\":\"other\",\"sequence\":1,\"occurredAt\":\"2023-01-01T00:00:00Z\",\"data\":{\"needId\":\"n\"}}",
      "{\"eventId\":\"x\",\"type\":\"NeedPosted\",\"schemaVersion\":1,\"aggregateType\":\"NEED\",\"aggregateId\":\"n\",\"sequence\":1,\"occurredAt\":\"2023-01-01T00:00:00Z\",\"data\":{\"needId\":\"n\"}}",
      "{\"eventId\":\"6b1f1f9e-8a8a-4c4c-9d9d-1a1a1a1a1a1a\",\"type\":\"NeedPosted\",\"schemaVersion\":1,\"aggregateType\":\"NEED\",\"aggregateId\":\"n\",\"sequence\":0,\"occurredAt\":\"2023-01-01T00:00:00Z\",\"data\":{\"needId\":\"n\"}}",
      "{\"eventId\":\"6b1f1f9e-8a8a-4c4c-9d9d-1a1a1a1a1a1a\",\"type\":\"FundDisbursed\",\"schemaVersion\":1,\"aggregateType\":\"FUND\",\"aggregateId\":\"f\",\"sequence\":1,\"occurredAt\":\"2023-01-01T00:00:00Z\",\"data\":{\"fundId\":\"f\",\"disbursedOn\":\"not a date\"}}"
  })
  void refusesPoison(String value) {
    assertThatThrownBy(() -> codec.decode(value)).isInstanceOf(EventCodec.PoisonEvent.class);
  }

  /** The aggregate type is carried, not inferred: missing, unknown or not the event's own, the record is poison. */
  @ParameterizedTest
  @ValueSource(strings = {"", "\"aggregateType\":\"SPACESHIP\",", "\"aggregateType\":\"FUND\","})
  void refusesAWrongAggregateType(String aggregateType) {
    assertThat(codec.decode(needPosted("\"aggregateType\":\"NEED\",")).aggregateType()).isEqualTo(AggregateType.NEED);
    assertThatThrownBy(() -> codec.decode(needPosted(aggregateType))).isInstanceOf(EventCodec.PoisonEvent.class)
        .hasMessageContaining("aggregateType");
  }

  private static String needPosted(String aggregateType) {
    return "{\"eventId\":\"6b1f1f9e-8a8a-4c4c-9d9d-1a1a1a1a1a1a\",\"type\":\"NeedPosted\",\"schemaVersion\":1," + aggregateType
        + "\"aggregateId\":\"n\",\"sequence\":1,\"occurredAt\":\"2023-01-01T00:00:00Z\",\"data\":{\"needId\":\"n\"}}";
  }
}
