package village.support.outbox;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import village.contracts.RequestIds;
import village.events.DomainEvent;
import village.messaging.Outbox;
import village.messaging.OutboxEntry;
import village.messaging.OutboxRelay;
import village.support.security.Caller;
import village.support.web.RequestIdFilter;

/**
 * What a service's write path uses to emit events: {@link #entry} builds the outbox entry (actor = the caller,
 * the request id in the headers) to store with the state change in one document write, and {@link #written}
 * hands the aggregate to the relay right after that write. Call {@link #watch} once per aggregate collection.
 *
 * <pre>{@code
 * OutboxEntry e = events.entry(Topics.FUNDS, new FundCommitted(...), fund.version(), caller);
 * collection.insertOne(doc.append(Outbox.FIELD, Outbox.initial(e)));   // or updateOne(..., combine(change, Outbox.append(e)))
 * events.written("funds", fund.id());
 * }</pre>
 */
@Component
public class OutboxEvents {
  private final Outbox outbox;
  private final OutboxRelay relay;

  public OutboxEvents(Outbox outbox, OutboxRelay relay) {
    this.outbox = outbox;
    this.relay = relay;
  }

  public OutboxEntry entry(String topic, DomainEvent event, long sequence, Caller caller) {
    return entry(topic, event, sequence, caller == null ? "system" : caller.subject());
  }

  public OutboxEntry entry(String topic, DomainEvent event, long sequence, String actor) {
    Map<String, String> headers = new LinkedHashMap<>();
    String requestId = MDC.get(RequestIdFilter.MDC_KEY);
    if (requestId != null) headers.put(RequestIds.HEADER, requestId);
    return outbox.entry(topic, event, sequence, actor, headers);
  }

  /** The aggregate's document (with new outbox entries) was written: publish them now. */
  public void written(String collection, Object id) {
    relay.publishSoon(collection, id);
  }

  /** Registers an aggregate collection for the relay's leftover sweeps. */
  public void watch(String collection) {
    relay.watch(collection);
  }

  public OutboxRelay relay() {
    return relay;
  }
}
