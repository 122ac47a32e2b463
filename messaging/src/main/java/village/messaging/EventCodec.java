package village.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import village.events.AggregateType;
import village.events.DomainEvent;
import village.events.EventEnvelope;
import village.events.EventTypes;
import village.events.Watermark;

/** JSON form of {@link EventEnvelope}: what producers write and consumers read. */
public final class EventCodec {
  private final JsonMapper json;

  public EventCodec() {
    this.json = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // additive changes within a version
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();
  }

  public String encode(EventEnvelope<? extends DomainEvent> envelope) {
    return json.writeValueAsString(envelope);
  }

  public String encode(Watermark watermark) {
    return json.writeValueAsString(watermark);
  }

  /** Parses a watermark record (header {@link Watermark#HEADER}); a {@link PoisonEvent} when it is not one. */
  public Watermark decodeWatermark(String value) {
    if (value == null || value.isBlank()) throw new PoisonEvent("empty watermark");
    try {
      Watermark w = json.readValue(value, Watermark.class);
      if (w.schemaVersion() != Watermark.SCHEMA_VERSION) throw new PoisonEvent("unknown watermark schemaVersion " + w.schemaVersion());
      return w;
    } catch (JacksonException e) {
      throw new PoisonEvent("not a watermark: " + e.getOriginalMessage());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new PoisonEvent("bad watermark: " + e.getMessage());
    }
  }

  /** The {@code occurredAt} of an encoded envelope, empty when it has none that parses. */
  public Optional<Instant> occurredAt(String value) {
    try {
      JsonNode at = json.readTree(value).get("occurredAt");
      return at == null || !at.isString() ? Optional.empty() : Optional.of(Instant.parse(at.asString()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses a record value into an envelope whose data is the typed event record.
   *
   * @throws PoisonEvent when the value is not JSON, lacks envelope fields, has an unknown type or schema
   *     version, or its data does not fit the event record
   */
  public EventEnvelope<DomainEvent> decode(String value) {
    if (value == null || value.isBlank()) throw new PoisonEvent("empty record value");
    JsonNode root;
    try {
      root = json.readTree(value);
    } catch (JacksonException e) {
      throw new PoisonEvent("not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) throw new PoisonEvent("not a JSON object");
    String type = text(root, "type");
    if (Watermark.TYPE.equals(type)) throw new PoisonEvent("a watermark without its " + Watermark.HEADER + " header");
    int schemaVersion = root.path("schemaVersion").asInt(-1);
    Class<? extends DomainEvent> dataType = EventTypes.resolve(type, schemaVersion)
        .orElseThrow(() -> new PoisonEvent("unknown event type or schemaVersion: " + type + " v" + schemaVersion));
    JsonNode data = root.get("data");
    if (data == null || !data.isObject()) throw new PoisonEvent("missing data");
    DomainEvent event;
    try {
      event = json.treeToValue(data, dataType);
    } catch (JacksonException e) {
      throw new PoisonEvent("data does not fit " + type + ": " + e.getOriginalMessage());
    }
    try {
      UUID eventId = UUID.fromString(text(root, "eventId"));
      AggregateType aggregateType = aggregateType(text(root, "aggregateType"));
      String aggregateId = text(root, "aggregateId");
      long sequence = root.path("sequence").asLong(0);
      Instant occurredAt = Instant.parse(text(root, "occurredAt"));
      String actor = root.path("actor").isString() ? root.get("actor").asString() : null;
      if (!Objects.equals(aggregateId, event.aggregateId())) {
        throw new PoisonEvent("aggregateId " + aggregateId + " does not match the data's " + event.aggregateId());
      }
      if (aggregateType != event.aggregateType()) {
        throw new PoisonEvent("aggregateType " + aggregateType + " is not " + type + "'s " + event.aggregateType());
      }
      return new EventEnvelope<>(eventId, type, schemaVersion, aggregateType, aggregateId, sequence, occurredAt, actor, event);
    } catch (PoisonEvent e) {
      throw e;
    } catch (RuntimeException e) {
      throw new PoisonEvent("bad envelope: " + e.getMessage());
    }
  }

  private static AggregateType aggregateType(String name) {
    try {
      return AggregateType.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new PoisonEvent("unknown aggregateType " + name);
    }
  }

  private static String text(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || !n.isString() || n.asString().isBlank()) throw new PoisonEvent("missing " + field);
    return n.asString();
  }

  /** A record that cannot be applied: never retried, set aside with its reason. */
  public static final class PoisonEvent extends RuntimeException {
    public PoisonEvent(String reason) {
      super(reason);
    }
  }
}
