package village.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import village.events.Topics;
import village.events.funds.FundCommitted;
import village.messaging.EventCodec;
import village.messaging.Outbox;
import village.messaging.OutboxRelay;
import village.messaging.PublishHorizon;

/** The write path's tickets: opened by entry (before the write), handed over by written, released when nothing was written. */
class OutboxEventsTest {
  static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  final OutboxRelay relay = new OutboxRelay(null, null, OutboxRelay.Settings.defaults(), null, clock); // never started
  final OutboxEvents events = new OutboxEvents(new Outbox(new EventCodec(), "", clock), relay);
  final PublishHorizon horizon = relay.horizon();

  void entry() {
    events.entry(Topics.FUNDS, new FundCommitted("f1", "FISCAL", null, null, "CG001", "城关镇", "1.00", null), 1, "test");
  }

  @Test
  void anEntryHoldsTheHorizonUntilTheRelayHasItsEvents() {
    entry();
    assertThat(horizon.waiting()).isEqualTo(1);
    events.written("funds", "f1");
    assertThat(horizon.waiting()).as("handed to the relay, not yet on Kafka").isEqualTo(1);
    events.abandon(); // nothing left on the thread: the relay's ticket stays
    assertThat(horizon.waiting()).isEqualTo(1);
  }

  @Test
  void aWriteThatStoredNothingReleasesItsTicket() {
    entry();
    events.abandon();
    assertThat(horizon.waiting()).isZero();
  }

  @Test
  void theNextEntryOnTheThreadClosesAnEarlierUnwrittenOne() {
    entry(); // its write failed, nobody said so
    entry();
    assertThat(horizon.waiting()).isEqualTo(1);
  }

  @Test
  void theRequestsEndReleasesATicketItsWriteNeverHandedOver() throws Exception {
    new WriteTicketFilter(events).doFilter(new MockHttpServletRequest("POST", "/api/funds"), new MockHttpServletResponse(),
        (req, res) -> entry()); // e.g. a duplicate key: no written()
    assertThat(horizon.waiting()).isZero();
  }

  @Test
  void theRequestsEndKeepsATicketHandedToTheRelay() throws Exception {
    new WriteTicketFilter(events).doFilter(new MockHttpServletRequest("POST", "/api/funds"), new MockHttpServletResponse(),
        (req, res) -> {
          entry();
          events.written("funds", "f1");
        });
    assertThat(horizon.waiting()).isEqualTo(1);
  }
}
