package village.support.outbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.function.Consumer;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import village.contracts.RequestIds;
import village.events.DomainEvent;
import village.messaging.Outbox;
import village.messaging.OutboxEntry;
import village.messaging.OutboxRelay;
import village.messaging.PublishHorizon.Ticket;
import village.support.security.Caller;
import village.support.web.RequestIdFilter;

/**
 * What a service's write path uses to emit events: {@link #entry} builds the outbox entry (actor = the caller,
 * the request id and the W3C trace context {@code traceparent} in the headers) to store with the state change in one document write, and {@link #written}
 * hands the aggregate to the relay right after that write. Call {@link #watch} once per aggregate collection.
 *
 * <pre>{@code
 * OutboxEntry e = events.entry(Topics.FUNDS, new FundCommitted(...), fund.version(), caller);
 * collection.insertOne(doc.append(Outbox.FIELD, Outbox.initial(e)));   // or updateOne(..., combine(change, Outbox.append(e)))
 * events.written("funds", fund.id());
 * }</pre>
 *
 * <p>Freshness: {@link #entry} runs before the document write, so it opens the thread's write ticket (the relay's
 * watermark cannot pass its start); {@link #written} hands the ticket to the relay, which closes it once Kafka has the
 * events. A write that failed or changed nothing never calls {@link #written}: its ticket is closed by the next
 * {@link #entry} on the thread (the earlier write is over by then), at the end of the HTTP request
 * ({@link WriteTicketFilter}), when the application is ready (the start-up thread's seeding), or — last resort — after
 * {@code village.outbox.in-flight-limit}.
 */
@Component
public class OutboxEvents {
  private static final ThreadLocal<Ticket> CURRENT = new ThreadLocal<>();
  private final Outbox outbox;
  private final OutboxRelay relay;

  /** The W3C trace context ({@code traceparent}) of the request, injected into the event's headers; none without tracing. */
  private final Consumer<Map<String, String>> traceContext;

  public OutboxEvents(Outbox outbox, OutboxRelay relay) {
    this(outbox, relay, headers -> {});
  }

  @Autowired
  public OutboxEvents(Outbox outbox, OutboxRelay relay, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
    this(outbox, relay, headers -> {
      Tracer t = tracer.getIfAvailable();
      Propagator p = propagator.getIfAvailable();
      if (t == null || p == null) return;
      TraceContext context = t.currentTraceContext().context();
      if (context != null) p.inject(context, headers, Map::put);
    });
  }

  private OutboxEvents(Outbox outbox, OutboxRelay relay, Consumer<Map<String, String>> traceContext) {
    this.outbox = outbox;
    this.relay = relay;
    this.traceContext = traceContext;
  }

  public OutboxEntry entry(String topic, DomainEvent event, long sequence, Caller caller) {
    return entry(topic, event, sequence, caller == null ? "system" : caller.subject());
  }

  public OutboxEntry entry(String topic, DomainEvent event, long sequence, String actor) {
    beginWrite();
    Map<String, String> headers = new LinkedHashMap<>();
    String requestId = MDC.get(RequestIdFilter.MDC_KEY);
    if (requestId != null) headers.put(RequestIds.HEADER, requestId);
    traceContext.accept(headers);
    return outbox.entry(topic, event, sequence, actor, headers);
  }

  /**
   * A write with events is about to start on this thread: opens its ticket. A ticket the thread still holds belongs to
   * a write that is over without being {@link #written} (it failed or changed nothing): it is closed first. (When one
   * write stores several entries, the later ticket still starts before the write.)
   */
  public void beginWrite() {
    Ticket previous = CURRENT.get();
    CURRENT.set(relay.horizon().open());
    relay.horizon().close(previous);
  }

  /** The aggregate's document (with new outbox entries) was written: publish them now. */
  public void written(String collection, Object id) {
    Ticket t = CURRENT.get();
    CURRENT.remove();
    if (t == null || t.isClosed()) {
      relay.publishSoon(collection, id);
    } else {
      relay.publishSoon(collection, id, List.of(t));
    }
  }

  /** The write this thread began wrote nothing (failed, a duplicate, a lost race): stop holding the watermark back. */
  public void abandon() {
    Ticket t = CURRENT.get();
    CURRENT.remove();
    relay.horizon().close(t);
  }

  /** The start-up thread's writes (seeding) are over once the application is ready. */
  @EventListener(ApplicationReadyEvent.class)
  void ready() {
    abandon();
  }

  /** Registers an aggregate collection for the relay's leftover sweeps. */
  public void watch(String collection) {
    relay.watch(collection);
  }

  public OutboxRelay relay() {
    return relay;
  }
}
