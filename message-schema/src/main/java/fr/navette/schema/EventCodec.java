package fr.navette.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalInt;

/**
 * JSON encoding of device events, as described by the JSON Schemas under {@code fr/navette/schema/v1/}
 * ({@code <channel>.schema.json}). Decoding ignores unknown fields (newer minor versions add some) and refuses
 * a higher major version with a clear error; every other problem is a {@link SchemaException} naming the field.
 */
public final class EventCodec {
  public static final String SCHEMA_VERSION = SchemaVersion.CURRENT;

  private EventCodec() {}

  public static byte[] encode(Event event) {
    ObjectNode node = header(event.header(), event.channel());
    switch (event) {
      case ReturnEvent e -> {
        node.put("itemId", e.itemId());
        node.put("returnedAt", e.returnedAt().toString());
        node.put("offline", e.offline());
      }
      case ReturnProblemEvent e -> {
        Json.putIfPresent(node, "tagUid", e.tagUid());
        Json.putIfPresent(node, "itemId", e.itemId());
        node.put("problem", Json.wire(e.problem()));
        node.put("detail", e.detail());
        node.put("returnedAt", e.returnedAt().toString());
      }
      case AlarmEvent e -> {
        node.put("tagUid", e.tagUid());
        Json.putIfPresent(node, "itemId", e.itemId());
        node.put("direction", Json.wire(e.direction()));
        node.put("detectedAt", e.detectedAt().toString());
        e.antenna().ifPresent(antenna -> node.put("antenna", antenna));
        Json.putIfPresent(node, "tagDataError", e.tagDataError());
      }
      case CheckoutEvent e -> {
        node.put("itemId", e.itemId());
        node.put("patronRef", e.patronRef());
        Json.putIfPresent(node, "dueDate", e.dueDate());
        node.put("disarmed", e.disarmed());
        node.put("checkedOutAt", e.checkedOutAt().toString());
      }
      case RenewEvent e -> {
        node.put("itemId", e.itemId());
        node.put("patronRef", e.patronRef());
        Json.putIfPresent(node, "dueDate", e.dueDate());
        node.put("renewedAt", e.renewedAt().toString());
      }
      case CountEvent e -> {
        node.put("periodStart", e.periodStart().toString());
        node.put("periodEnd", e.periodEnd().toString());
        node.put("entries", e.entries());
        node.put("exits", e.exits());
        node.put("aggregated", e.aggregated());
      }
      case StateEvent e -> {
        node.put("state", Json.wire(e.state()));
        node.put("softwareVersion", e.softwareVersion());
      }
      case HealthEvent e -> {
        node.put("uptimeSeconds", e.uptimeSeconds());
        node.put("outboxDepth", e.outboxDepth());
        node.put("outboxOldestAgeSeconds", e.outboxOldestAgeSeconds());
        node.put("readerState", Json.wire(e.readerState()));
        node.put("brokerConnected", e.brokerConnected());
        Json.putIfPresent(node, "lastError", e.lastError());
        if (e.printerState() != HealthEvent.PrinterState.NONE) {
          node.put("printerState", Json.wire(e.printerState()));
        }
      }
    }
    return Json.bytes(node);
  }

  /** Decodes an event of the channel it arrived on; its {@code type} must name that channel. */
  public static Event decode(Channel channel, byte[] payload) {
    JsonNode node = Json.parse(channel, payload);
    Json.requireType(node, channel.wireName());
    EventHeader header = header(node);
    return switch (channel) {
      case RETURN -> new ReturnEvent(header, Json.text(node, "itemId", Limits.IDENTIFIER),
          Json.instant(node, "returnedAt"), Json.bool(node, "offline", false));
      case RETURN_PROBLEM -> new ReturnProblemEvent(header, Json.optText(node, "tagUid", Limits.TAG_UID),
          Json.optText(node, "itemId", Limits.IDENTIFIER),
          Json.enumValue(node, "problem", ReturnProblemEvent.Problem.class),
          Json.text(node, "detail", Limits.FREE_TEXT), Json.instant(node, "returnedAt"));
      case ALARM -> new AlarmEvent(header, Json.text(node, "tagUid", Limits.TAG_UID),
          Json.optText(node, "itemId", Limits.IDENTIFIER),
          Json.enumValue(node, "direction", AlarmEvent.Direction.class), Json.instant(node, "detectedAt"),
          node.hasNonNull("antenna") ? OptionalInt.of((int) Json.integer(node, "antenna", 1, Limits.ANTENNA))
              : OptionalInt.empty(),
          Json.optText(node, "tagDataError", Limits.FREE_TEXT));
      case CHECKOUT -> new CheckoutEvent(header, Json.text(node, "itemId", Limits.IDENTIFIER),
          Json.text(node, "patronRef", PatronPseudonym.MAX_CHARS), Json.optDate(node, "dueDate"),
          Json.bool(node, "disarmed", false), Json.instant(node, "checkedOutAt"));
      case RENEW -> new RenewEvent(header, Json.text(node, "itemId", Limits.IDENTIFIER),
          Json.text(node, "patronRef", PatronPseudonym.MAX_CHARS), Json.optDate(node, "dueDate"),
          Json.instant(node, "renewedAt"));
      case COUNT -> new CountEvent(header, Json.instant(node, "periodStart"), Json.instant(node, "periodEnd"),
          Json.integer(node, "entries", 0, Limits.COUNT), Json.integer(node, "exits", 0, Limits.COUNT),
          Json.integer(node, "aggregated", 1, Limits.COUNT, 1));
      case STATE -> new StateEvent(header, Json.enumValue(node, "state", StateEvent.State.class),
          Json.text(node, "softwareVersion", Limits.IDENTIFIER));
      case HEALTH -> new HealthEvent(header, Json.integer(node, "uptimeSeconds", 0, Limits.SECONDS),
          Json.integer(node, "outboxDepth", 0, Limits.COUNT),
          Json.integer(node, "outboxOldestAgeSeconds", 0, Limits.SECONDS),
          Json.enumValue(node, "readerState", HealthEvent.ReaderState.class),
          Json.bool(node, "brokerConnected", false), Json.optText(node, "lastError", Limits.FREE_TEXT),
          node.hasNonNull("printerState") ? Json.enumValue(node, "printerState", HealthEvent.PrinterState.class)
              : HealthEvent.PrinterState.NONE);
      default -> throw new SchemaException("type", "'" + channel.wireName() + "' is not an event channel");
    };
  }

  /** Decodes an event of an expected type, e.g. {@code decode(Channel.COUNT, bytes, CountEvent.class)}. */
  public static <E extends Event> E decode(Channel channel, byte[] payload, Class<E> type) {
    Event event = decode(channel, payload);
    if (!type.isInstance(event)) {
      throw new SchemaException("type", "channel " + channel.wireName() + " does not carry " + type.getSimpleName());
    }
    return type.cast(event);
  }

  public static ReturnEvent decodeReturn(byte[] payload) {
    return decode(Channel.RETURN, payload, ReturnEvent.class);
  }

  /** Whether a channel carries events (rather than requests, configuration, commands or acknowledgements). */
  public static boolean isEventChannel(Channel channel) {
    return switch (channel) {
      case ALARM, RETURN, RETURN_PROBLEM, CHECKOUT, RENEW, COUNT, STATE, HEALTH -> true;
      default -> false;
    };
  }

  private static ObjectNode header(EventHeader header, Channel channel) {
    ObjectNode node = Json.object();
    node.put("schemaVersion", header.schemaVersion());
    node.put("type", channel.wireName());
    node.put("eventId", header.eventId().toString());
    node.put("deviceId", header.deviceId());
    node.put("sequence", header.sequence());
    node.put("deviceTime", header.deviceTime().toString());
    return node;
  }

  private static EventHeader header(JsonNode node) {
    String version = Json.version(node);
    return new EventHeader(version, Json.uuid(node, "eventId"), Json.text(node, "deviceId", Limits.IDENTIFIER),
        Json.integer(node, "sequence", 0, Limits.SAFE_INTEGER), Json.instant(node, "deviceTime"));
  }
}
