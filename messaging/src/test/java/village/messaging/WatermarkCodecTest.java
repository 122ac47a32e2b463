package village.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import village.events.EventTypes;
import village.events.Watermark;

/** The watermark's wire form: its own type, never mistaken for (or registered as) a domain event. */
class WatermarkCodecTest {
  private final EventCodec codec = new EventCodec();

  @Test
  void roundTripsAWatermark() {
    var w = Watermark.of("funds-service", "host-1-ab", 2, 3, Instant.parse("2026-12-02T10:00:00Z"),
        Instant.parse("2026-12-02T10:00:01Z"), 17, 4, Instant.parse("2026-12-02T09:59:58Z"));
    String json = codec.encode(w);
    assertThat(json).contains("\"type\":\"Watermark\"").contains("\"upTo\":\"2026-12-02T10:00:00Z\"");
    assertThat(codec.decodeWatermark(json)).isEqualTo(w);
  }

  @Test
  void aWatermarkIsNotAnEvent() {
    String json = codec.encode(Watermark.of("funds-service", "i", 0, 1, Instant.EPOCH, Instant.EPOCH, 1, 0, null));
    assertThat(EventTypes.names()).doesNotContain(Watermark.TYPE);
    assertThatThrownBy(() -> codec.decode(json)).isInstanceOf(EventCodec.PoisonEvent.class).hasMessageContaining("watermark");
  }

  @Test
  void refusesWhatIsNotAWatermark() {
    assertThatThrownBy(() -> codec.decodeWatermark("{\"type\":\"NeedPosted\"}")).isInstanceOf(EventCodec.PoisonEvent.class);
    assertThatThrownBy(() -> codec.decodeWatermark("nope")).isInstanceOf(EventCodec.PoisonEvent.class);
    assertThatThrownBy(() -> codec.decodeWatermark("{\"type\":\"Watermark\",\"schemaVersion\":1,\"service\":\"s\",\"instance\":\"i\","
        + "\"partition\":3,\"partitions\":3,\"upTo\":\"2026-12-02T10:00:00Z\"}")).isInstanceOf(EventCodec.PoisonEvent.class);
  }
}
