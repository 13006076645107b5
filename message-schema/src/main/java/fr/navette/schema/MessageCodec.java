package fr.navette.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * JSON encoding of what is not an event: SIGB requests and responses, configuration and commands, and their
 * acknowledgements. Same rules as {@link EventCodec}: each payload has its JSON Schema
 * ({@code <channel>.schema.json}), unknown fields are ignored, a higher major is refused, errors name the field.
 */
public final class MessageCodec {
  private MessageCodec() {}

  public static byte[] encode(SigbRequest r) {
    ObjectNode node = start(Channel.REQUEST);
    node.put("requestId", r.requestId().toString());
    node.put("deviceId", r.deviceId());
    node.put("kind", Json.wire(r.kind()));
    Json.putIfPresent(node, "patronId", r.patronId());
    Json.putIfPresent(node, "pin", r.pin());
    Json.putIfPresent(node, "itemId", r.itemId());
    node.put("sentAt", r.sentAt().toString());
    node.put("deadline", r.deadline().toString());
    return Json.bytes(node);
  }

  public static SigbRequest decodeRequest(byte[] payload) {
    JsonNode node = read(payload, Channel.REQUEST);
    return new SigbRequest(Json.uuid(node, "requestId"), Json.text(node, "deviceId", Limits.IDENTIFIER),
        Json.enumValue(node, "kind", SigbRequest.Kind.class), Json.optText(node, "patronId", Limits.IDENTIFIER),
        Json.optText(node, "pin", Limits.PIN), Json.optText(node, "itemId", Limits.IDENTIFIER),
        Json.instant(node, "sentAt"), Json.instant(node, "deadline"));
  }

  public static byte[] encode(SigbResponse r) {
    ObjectNode node = start(Channel.RESPONSE);
    node.put("requestId", r.requestId().toString());
    node.put("kind", Json.wire(r.kind()));
    node.put("outcome", Json.wire(r.outcome()));
    Json.putIfPresent(node, "patronRef", r.patronRef());
    Json.putIfPresent(node, "greetingName", r.greetingName());
    Json.putIfPresent(node, "dueDate", r.dueDate());
    Json.putIfPresent(node, "title", r.title());
    if (!r.blocks().isEmpty()) {
      ArrayNode blocks = node.putArray("blocks");
      r.blocks().forEach(blocks::add);
    }
    if (!r.loans().isEmpty()) {
      ArrayNode loans = node.putArray("loans");
      for (SigbResponse.Loan loan : r.loans()) {
        ObjectNode l = loans.addObject();
        l.put("itemId", loan.itemId());
        Json.putIfPresent(l, "title", loan.title());
        Json.putIfPresent(l, "dueDate", loan.dueDate());
        l.put("overdue", loan.overdue());
      }
    }
    if (!r.holdsReady().isEmpty()) {
      ArrayNode holds = node.putArray("holdsReady");
      for (SigbResponse.Hold hold : r.holdsReady()) {
        ObjectNode h = holds.addObject();
        h.put("itemId", hold.itemId());
        Json.putIfPresent(h, "title", hold.title());
        Json.putIfPresent(h, "pickupBranch", hold.pickupBranch());
      }
    }
    Json.putIfPresent(node, "feesDue", r.feesDue());
    Json.putIfPresent(node, "sortBin", r.sortBin());
    Json.putIfPresent(node, "destination", r.destination());
    r.route().ifPresent(route -> node.put("route", Json.wire(route)));
    Json.putIfPresent(node, "messageFr", r.messageFr());
    Json.putIfPresent(node, "messageEn", r.messageEn());
    if (r.viewOnly()) {
      node.put("viewOnly", true);
    }
    return Json.bytes(node);
  }

  public static SigbResponse decodeResponse(byte[] payload) {
    JsonNode node = read(payload, Channel.RESPONSE);
    List<String> blocks = new ArrayList<>();
    for (JsonNode block : array(node, "blocks", Limits.BLOCKS)) {
      if (!block.isTextual()) {
        throw new SchemaException("blocks", "expected strings");
      }
      blocks.add(Fields.requireLength("blocks", block.asText(), Limits.TOKEN));
    }
    List<SigbResponse.Loan> loans = new ArrayList<>();
    for (JsonNode loan : array(node, "loans", Limits.LOANS)) {
      loans.add(new SigbResponse.Loan(Json.text(loan, "itemId", Limits.IDENTIFIER), Json.optDate(loan, "dueDate"),
          Json.bool(loan, "overdue", false), Json.optText(loan, "title", Limits.TITLE)));
    }
    List<SigbResponse.Hold> holds = new ArrayList<>();
    for (JsonNode hold : array(node, "holdsReady", Limits.HOLDS_READY)) {
      holds.add(new SigbResponse.Hold(Json.text(hold, "itemId", Limits.IDENTIFIER),
          Json.optText(hold, "title", Limits.TITLE), Json.optText(hold, "pickupBranch", Limits.IDENTIFIER)));
    }
    return new SigbResponse(Json.uuid(node, "requestId"), Json.enumValue(node, "kind", SigbRequest.Kind.class),
        Json.enumValue(node, "outcome", SigbResponse.Outcome.class),
        Json.optText(node, "patronRef", PatronPseudonym.MAX_CHARS),
        Json.optText(node, "greetingName", Limits.GREETING_NAME), Json.optDate(node, "dueDate"),
        Json.optText(node, "title", Limits.TITLE), blocks, loans, holds,
        Json.optText(node, "feesDue", Limits.AMOUNT_CHARS), Json.optText(node, "sortBin", Limits.IDENTIFIER),
        Json.optText(node, "destination", Limits.IDENTIFIER),
        Json.optEnum(node, "route", SigbResponse.ReturnRoute.class),
        Json.optText(node, "messageFr", Limits.FREE_TEXT), Json.optText(node, "messageEn", Limits.FREE_TEXT),
        Json.bool(node, "viewOnly", false));
  }

  public static byte[] encode(DeviceConfig c) {
    ObjectNode node = Json.object();
    node.put("schemaVersion", c.schemaVersion());
    node.put("type", Channel.CONFIG.wireName());
    node.put("deviceId", c.deviceId());
    node.put("version", c.version());
    node.put("issuedAt", c.issuedAt().toString());
    Json.putScalars(node, "settings", c.settings());
    if (c.reset()) {
      node.put("reset", true); // absent when false: what a reader before 1.3 sees is unchanged
    }
    return Json.bytes(node);
  }

  public static DeviceConfig decodeConfig(byte[] payload) {
    JsonNode node = Json.parse(Channel.CONFIG, payload);
    String version = Json.version(node);
    Json.requireType(node, Channel.CONFIG.wireName());
    return new DeviceConfig(version, Json.text(node, "deviceId", Limits.IDENTIFIER),
        Json.integer(node, "version", 1, Limits.SAFE_INTEGER), Json.instant(node, "issuedAt"),
        Json.scalars(node, "settings"), Json.bool(node, "reset", false));
  }

  /**
   * The {@code version} of a config that may not decode (so that its refusal can name it), if it has one.
   * Never throws: it reads what it can, and only a version a {@link ConfigAck} can carry (1 to
   * {@link Limits#SAFE_INTEGER}).
   */
  public static OptionalLong peekConfigVersion(byte[] payload) {
    try {
      return OptionalLong.of(Json.integer(Json.parse(Channel.CONFIG, payload), "version", 1, Limits.SAFE_INTEGER));
    } catch (SchemaException e) {
      return OptionalLong.empty();
    }
  }

  public static byte[] encode(ConfigAck a) {
    ObjectNode node = start(Channel.CONFIG_ACK);
    node.put("deviceId", a.deviceId());
    node.put("version", a.version());
    node.put("accepted", a.accepted());
    Json.putIfPresent(node, "reason", a.reason());
    node.put("versionInForce", a.versionInForce());
    node.put("at", a.at().toString());
    return Json.bytes(node);
  }

  public static ConfigAck decodeConfigAck(byte[] payload) {
    JsonNode node = read(payload, Channel.CONFIG_ACK);
    return new ConfigAck(Json.text(node, "deviceId", Limits.IDENTIFIER),
        Json.integer(node, "version", -1, Limits.SAFE_INTEGER), Json.bool(node, "accepted", false),
        Json.optText(node, "reason", Limits.FREE_TEXT), Json.integer(node, "versionInForce", 0, Limits.SAFE_INTEGER),
        Json.instant(node, "at"));
  }

  public static byte[] encode(Command c) {
    ObjectNode node = Json.object();
    node.put("schemaVersion", c.schemaVersion());
    node.put("type", Channel.COMMAND.wireName());
    node.put("commandId", c.commandId().toString());
    node.put("deviceId", c.deviceId());
    node.put("name", c.name());
    Json.putScalars(node, "args", c.args());
    node.put("issuedAt", c.issuedAt().toString());
    Json.putIfPresent(node, "expiresAt", c.expiresAt());
    return Json.bytes(node);
  }

  public static Command decodeCommand(byte[] payload) {
    JsonNode node = Json.parse(Channel.COMMAND, payload);
    String version = Json.version(node);
    Json.requireType(node, Channel.COMMAND.wireName());
    return new Command(version, Json.uuid(node, "commandId"), Json.text(node, "deviceId", Limits.IDENTIFIER),
        Json.text(node, "name", Limits.IDENTIFIER), Json.scalars(node, "args"), Json.instant(node, "issuedAt"),
        Json.optInstant(node, "expiresAt"));
  }

  public static byte[] encode(CommandAck a) {
    ObjectNode node = start(Channel.COMMAND_ACK);
    node.put("deviceId", a.deviceId());
    node.put("commandId", a.commandId().toString());
    node.put("status", Json.wire(a.status()));
    Json.putIfPresent(node, "message", a.message());
    node.put("at", a.at().toString());
    return Json.bytes(node);
  }

  public static CommandAck decodeCommandAck(byte[] payload) {
    JsonNode node = read(payload, Channel.COMMAND_ACK);
    return new CommandAck(Json.text(node, "deviceId", Limits.IDENTIFIER), Json.uuid(node, "commandId"),
        Json.enumValue(node, "status", CommandAck.Status.class), Json.optText(node, "message", Limits.FREE_TEXT),
        Json.instant(node, "at"));
  }

  private static ObjectNode start(Channel channel) {
    ObjectNode node = Json.object();
    node.put("schemaVersion", SchemaVersion.CURRENT);
    node.put("type", channel.wireName());
    return node;
  }

  private static JsonNode read(byte[] payload, Channel channel) {
    JsonNode node = Json.parse(channel, payload);
    Json.version(node);
    Json.requireType(node, channel.wireName());
    return node;
  }

  private static Iterable<JsonNode> array(JsonNode node, String field, int maxSize) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new SchemaException(field, "expected an array");
    }
    Fields.requireSize(field, value.size(), maxSize);
    return value;
  }
}
