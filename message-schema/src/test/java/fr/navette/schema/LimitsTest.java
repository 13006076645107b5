package fr.navette.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field at its limit is read, one beyond is refused naming the field and the limit, and the JSON Schema
 * agrees with the decoder on both (the numbers themselves are compared in {@link SchemaLimitsTest}).
 */
class LimitsTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  // -- strings ------------------------------------------------------------------------------------------------

  /** channel, example, JSON pointer of the field, its limit in characters, the character to fill it with. */
  static Stream<Arguments> strings() {
    return Stream.of(
        Arguments.of(Channel.RETURN, 0, "/itemId", Limits.IDENTIFIER, "7"),
        Arguments.of(Channel.RETURN, 0, "/itemId", Limits.IDENTIFIER, "📚"), // characters, not UTF-16 units
        Arguments.of(Channel.RETURN, 0, "/deviceId", Limits.IDENTIFIER, "b"),
        Arguments.of(Channel.RETURN, 0, "/schemaVersion", Limits.VERSION_CHARS, "0"),
        Arguments.of(Channel.RETURN_PROBLEM, 0, "/tagUid", Limits.TAG_UID, "E"),
        Arguments.of(Channel.RETURN_PROBLEM, 0, "/itemId", Limits.IDENTIFIER, "7"),
        Arguments.of(Channel.RETURN_PROBLEM, 0, "/detail", Limits.FREE_TEXT, "é"),
        Arguments.of(Channel.ALARM, 0, "/tagUid", Limits.TAG_UID, "E"),
        Arguments.of(Channel.ALARM, 0, "/itemId", Limits.IDENTIFIER, "7"),
        Arguments.of(Channel.ALARM, 2, "/tagDataError", Limits.FREE_TEXT, "x"),
        Arguments.of(Channel.CHECKOUT, 0, "/itemId", Limits.IDENTIFIER, "7"),
        Arguments.of(Channel.RENEW, 0, "/itemId", Limits.IDENTIFIER, "7"),
        Arguments.of(Channel.STATE, 0, "/softwareVersion", Limits.IDENTIFIER, "1"),
        Arguments.of(Channel.HEALTH, 1, "/lastError", Limits.FREE_TEXT, "x"),
        Arguments.of(Channel.CONFIG_ACK, 1, "/deviceId", Limits.IDENTIFIER, "g"),
        Arguments.of(Channel.CONFIG_ACK, 1, "/reason", Limits.FREE_TEXT, "x"),
        Arguments.of(Channel.COMMAND_ACK, 1, "/message", Limits.FREE_TEXT, "x"),
        Arguments.of(Channel.REQUEST, 0, "/patronId", Limits.IDENTIFIER, "2"),
        Arguments.of(Channel.REQUEST, 0, "/pin", Limits.PIN, "4"),
        Arguments.of(Channel.REQUEST, 1, "/itemId", Limits.IDENTIFIER, "7"),
        Arguments.of(Channel.REQUEST, 1, "/deviceId", Limits.IDENTIFIER, "k"),
        Arguments.of(Channel.RESPONSE, 0, "/greetingName", Limits.GREETING_NAME, "Z"),
        Arguments.of(Channel.RESPONSE, 2, "/title", Limits.TITLE, "Œ"),
        Arguments.of(Channel.RESPONSE, 1, "/blocks/0", Limits.TOKEN, "x"),
        Arguments.of(Channel.RESPONSE, 3, "/loans/0/itemId", Limits.IDENTIFIER, "7"),
        Arguments.of(Channel.RESPONSE, 3, "/loans/0/title", Limits.TITLE, "t"),
        Arguments.of(Channel.RESPONSE, 3, "/holdsReady/0/itemId", Limits.IDENTIFIER, "7"),
        Arguments.of(Channel.RESPONSE, 3, "/holdsReady/0/title", Limits.TITLE, "t"),
        Arguments.of(Channel.RESPONSE, 3, "/holdsReady/0/pickupBranch", Limits.IDENTIFIER, "B"),
        Arguments.of(Channel.RESPONSE, 3, "/feesDue", Limits.AMOUNT_CHARS, "1"),
        Arguments.of(Channel.RESPONSE, 4, "/sortBin", Limits.IDENTIFIER, "A"),
        Arguments.of(Channel.RESPONSE, 4, "/destination", Limits.IDENTIFIER, "B"),
        Arguments.of(Channel.RESPONSE, 0, "/messageFr", Limits.FREE_TEXT, "à"),
        Arguments.of(Channel.RESPONSE, 0, "/messageEn", Limits.FREE_TEXT, "a"),
        Arguments.of(Channel.CONFIG, 0, "/deviceId", Limits.IDENTIFIER, "g"),
        Arguments.of(Channel.CONFIG, 0, "/settings/alarmVolume", Limits.SETTING_VALUE, "7"),
        Arguments.of(Channel.COMMAND, 0, "/name", Limits.IDENTIFIER, "n"),
        Arguments.of(Channel.COMMAND, 0, "/args/seconds", Limits.SETTING_VALUE, "9"));
  }

  @ParameterizedTest(name = "{0} {2} ≤ {3} ({4})")
  @MethodSource("strings")
  void aStringAtItsLimitIsReadAndOneCharacterMoreIsRefused(Channel channel, int example, String pointer, int limit,
      String fill) throws Exception {
    String prefix = pointer.equals("/schemaVersion") ? "1." : "";
    String atLimit = prefix + fill.repeat(limit - prefix.length());
    byte[] ok = with(channel, example, Map.of(pointer, NODES.textNode(atLimit)));
    assertThat(Schemas.validate(channel, ok)).as("schema at the limit").isEmpty();
    Object read = Schemas.decode(channel, ok);
    assertThat(Schemas.JSON.readTree(Schemas.encode(read)).toString()).contains(atLimit);

    byte[] over = with(channel, example, Map.of(pointer, NODES.textNode(atLimit + fill)));
    assertThat(Schemas.validate(channel, over)).as("schema one beyond").isNotEmpty();
    assertRefused(() -> Schemas.decode(channel, over), leaf(pointer),
        (limit + 1) + " characters, at most " + limit);
  }

  @Test
  void aHundredThousandCharacterItemIdIsRefusedWithoutBeingEchoed() {
    // The return: over the payload bound, refused before it is parsed.
    byte[] payload = with(Channel.RETURN, 0, Map.of("/itemId", NODES.textNode("7".repeat(100_000))));
    assertThatThrownBy(() -> EventCodec.decode(Channel.RETURN, payload))
        .isInstanceOf(SchemaException.class)
        .hasMessage("$: " + payload.length + " bytes, at most " + Limits.DEVICE_PAYLOAD_BYTES);
    // Within the bound, refused naming the field and the limit, not echoed.
    byte[] within = with(Channel.RETURN, 0, Map.of("/itemId", NODES.textNode("7".repeat(60_000))));
    assertThatThrownBy(() -> EventCodec.decode(Channel.RETURN, within))
        .isInstanceOf(SchemaException.class)
        .hasMessage("itemId: 60000 characters, at most 64");
    // And a device's own code cannot make one.
    EventHeader header = new EventHeader("1.2", UUID.randomUUID(), "box-BR02-1", 1, Instant.parse("2026-11-24T09:00:00Z"));
    assertThatThrownBy(() -> new ReturnEvent(header, "7".repeat(100_000), header.deviceTime(), false))
        .isInstanceOf(SchemaException.class)
        .hasMessage("itemId: 100000 characters, at most 64");
  }

  @Test
  void aRecordMadeByCodeRefusesAnIdentifierBeyondItsLimitAndCutsFreeText() {
    EventHeader header = new EventHeader("1.2", UUID.randomUUID(), "gate-BR01-1", 1, Instant.parse("2026-11-24T09:00:00Z"));
    assertRefused(() -> new ReturnEvent(header, "7".repeat(65), header.deviceTime(), false), "itemId",
        "65 characters, at most 64");
    assertRefused(() -> new EventHeader("1.2", UUID.randomUUID(), "gate-BR01-1", Limits.SAFE_INTEGER + 1,
        header.deviceTime()), "sequence", "at most " + Limits.SAFE_INTEGER);
    assertRefused(() -> new EventHeader("1.2", UUID.randomUUID(), "gate-BR01-1", 1,
        Instant.parse("+300000000-01-01T00:00:00Z")), "deviceTime", "2000-01-01T00:00:00Z");

    // An exception's message in a device's health report is cut, not a reason to send no report at all.
    HealthEvent health = new HealthEvent(header, 1, 0, 0, HealthEvent.ReaderState.OK, true,
        Optional.of("reader: " + "é".repeat(5_000)));
    assertThat(health.lastError().orElseThrow()).hasSize(Limits.FREE_TEXT).endsWith("…").startsWith("reader: é");
    assertThat(EventCodec.decode(Channel.HEALTH, EventCodec.encode(health))).isEqualTo(health);
    // ... and what cannot be stored in it is replaced, not a reason to acknowledge nothing.
    CommandAck ack = new CommandAck("gate-BR01-1", UUID.randomUUID(), CommandAck.Status.REFUSED,
        Optional.of("reader sent \u0000\u001b and \uD83D"), header.deviceTime());
    assertThat(ack.message()).hasValue("reader sent \uFFFD\uFFFD and \uFFFD");
    assertThat(MessageCodec.decodeCommandAck(MessageCodec.encode(ack))).isEqualTo(ack);
  }

  @Test
  void controlCharactersAndLoneSurrogatesAreRefusedLineBreaksInWordsAreNot() {
    // A NUL cannot be stored in PostgreSQL text (the insert fails, again at each retry); ESC would reach the
    // receipt printer as a command; a lone surrogate is no character at all and cannot be written as UTF-8.
    assertRefused(() -> Schemas.decode(Channel.RETURN,
        with(Channel.RETURN, 0, Map.of("/itemId", NODES.textNode("00\u000012")))), "itemId", "U+0000");
    assertRefused(() -> Schemas.decode(Channel.RESPONSE,
        with(Channel.RESPONSE, 2, Map.of("/title", NODES.textNode("Les Mis\u001b@rables")))), "title", "U+001B");
    byte[] lone = new String(with(Channel.HEALTH, 1, Map.of("/lastError", NODES.textNode("HALF"))),
        StandardCharsets.UTF_8).replace("HALF", "half \\uD83D of a pair").getBytes(StandardCharsets.UTF_8);
    assertRefused(() -> Schemas.decode(Channel.HEALTH, lone), "lastError", "lone surrogate U+D83D");
    Object read = Schemas.decode(Channel.RESPONSE,
        with(Channel.RESPONSE, 0, Map.of("/messageFr", NODES.textNode("Bonjour,\r\n\tà bientôt."))));
    assertThat(((SigbResponse) read).messageFr()).hasValue("Bonjour,\r\n\tà bientôt.");
  }

  // -- integers -----------------------------------------------------------------------------------------------

  /** channel, example, JSON pointer, least and greatest value. */
  static Stream<Arguments> integers() {
    return Stream.of(
        Arguments.of(Channel.RETURN, 0, "/sequence", 0L, Limits.SAFE_INTEGER),
        Arguments.of(Channel.ALARM, 2, "/antenna", 1L, (long) Limits.ANTENNA),
        Arguments.of(Channel.COUNT, 0, "/entries", 0L, Limits.COUNT),
        Arguments.of(Channel.COUNT, 0, "/exits", 0L, Limits.COUNT),
        Arguments.of(Channel.COUNT, 0, "/aggregated", 1L, Limits.COUNT),
        Arguments.of(Channel.HEALTH, 0, "/uptimeSeconds", 0L, Limits.SECONDS),
        Arguments.of(Channel.HEALTH, 0, "/outboxDepth", 0L, Limits.COUNT),
        Arguments.of(Channel.HEALTH, 0, "/outboxOldestAgeSeconds", 0L, Limits.SECONDS),
        Arguments.of(Channel.CONFIG, 0, "/version", 1L, Limits.SAFE_INTEGER),
        Arguments.of(Channel.CONFIG_ACK, 1, "/version", -1L, Limits.SAFE_INTEGER),
        Arguments.of(Channel.CONFIG_ACK, 1, "/versionInForce", 0L, Limits.SAFE_INTEGER));
  }

  @ParameterizedTest(name = "{0} {2} in [{3}, {4}]")
  @MethodSource("integers")
  void anIntegerAtItsBoundsIsReadAndOneBeyondIsRefused(Channel channel, int example, String pointer, long min,
      long max) throws Exception {
    for (long ok : new long[] {min, max}) {
      byte[] payload = with(channel, example, Map.of(pointer, NODES.numberNode(ok)));
      assertThat(Schemas.validate(channel, payload)).as(pointer + " = " + ok).isEmpty();
      assertThat(Schemas.JSON.readTree(Schemas.encode(Schemas.decode(channel, payload))).at(pointer).asLong())
          .isEqualTo(ok);
    }
    byte[] below = with(channel, example, Map.of(pointer, NODES.numberNode(min - 1)));
    assertThat(Schemas.validate(channel, below)).isNotEmpty();
    assertRefused(() -> Schemas.decode(channel, below), leaf(pointer), (min - 1) + ", at least " + min);
    byte[] above = with(channel, example, Map.of(pointer, NODES.numberNode(max + 1)));
    assertThat(Schemas.validate(channel, above)).isNotEmpty();
    assertRefused(() -> Schemas.decode(channel, above), leaf(pointer), (max + 1) + ", at most " + max);
  }

  @Test
  void anIntegerTooLargeForALongIsRefusedNamingTheField() {
    byte[] payload = with(Channel.RETURN, 0, Map.of("/sequence",
        NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"))));
    assertRefused(() -> Schemas.decode(Channel.RETURN, payload), "sequence", "at most " + Limits.SAFE_INTEGER);
  }

  // -- instants and dates -------------------------------------------------------------------------------------

  /** channel, example, the instant fields set together (a period's end may not precede its start). */
  static Stream<Arguments> instants() {
    return Stream.of(
        Arguments.of(Channel.RETURN, 0, List.of("/deviceTime")),
        Arguments.of(Channel.RETURN, 0, List.of("/returnedAt")),
        Arguments.of(Channel.RETURN_PROBLEM, 0, List.of("/returnedAt")),
        Arguments.of(Channel.ALARM, 0, List.of("/detectedAt")),
        Arguments.of(Channel.CHECKOUT, 0, List.of("/checkedOutAt")),
        Arguments.of(Channel.RENEW, 0, List.of("/renewedAt")),
        Arguments.of(Channel.COUNT, 0, List.of("/periodStart", "/periodEnd")),
        Arguments.of(Channel.STATE, 0, List.of("/deviceTime")),
        Arguments.of(Channel.HEALTH, 0, List.of("/deviceTime")),
        Arguments.of(Channel.REQUEST, 0, List.of("/sentAt", "/deadline")),
        Arguments.of(Channel.CONFIG, 0, List.of("/issuedAt")),
        Arguments.of(Channel.CONFIG_ACK, 0, List.of("/at")),
        Arguments.of(Channel.COMMAND, 0, List.of("/issuedAt", "/expiresAt")),
        Arguments.of(Channel.COMMAND_ACK, 0, List.of("/at")));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("instants")
  void anInstantOfTheYears2000To2999IsReadAnyOtherIsRefused(Channel channel, int example, List<String> pointers) throws Exception {
    for (String ok : List.of("2000-01-01T00:00:00Z", "2999-12-31T23:59:59.999999999Z")) {
      byte[] payload = with(channel, example, all(pointers, ok));
      assertThat(Schemas.validate(channel, payload)).as(ok).isEmpty();
      assertThat(Schemas.JSON.readTree(Schemas.encode(Schemas.decode(channel, payload))).at(pointers.get(0)).asText())
          .isEqualTo(ok);
    }
    for (String bad : List.of("1999-12-31T23:59:59.999999999Z", "3000-01-01T00:00:00Z",
        "+300000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z", "2026-11-24T10:15:02+01:00")) {
      byte[] payload = with(channel, example, all(pointers, bad));
      assertThat(Schemas.validate(channel, payload)).as(bad).isNotEmpty();
      assertRefused(() -> Schemas.decode(channel, payload), leaf(pointers.get(0)),
          "expected an ISO-8601 UTC instant of the years 2000-2999, got '" + bad + "'");
    }
  }

  @Test
  void theCountThatStoppedIngestIsRefusedAtDecode() {
    // The event: it passed the schema, then toEpochMilli() overflowed inside the storing transaction.
    byte[] payload = with(Channel.COUNT, 0, Map.of("/deviceTime", NODES.textNode("+300000000-01-01T00:00:00Z")));
    assertThatThrownBy(() -> EventCodec.decode(Channel.COUNT, payload))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith("deviceTime: ");
    assertThat(Schemas.validate(Channel.COUNT, payload)).isNotEmpty();
  }

  /** channel, example, pointer of a date. */
  static Stream<Arguments> dates() {
    return Stream.of(
        Arguments.of(Channel.CHECKOUT, 0, "/dueDate"),
        Arguments.of(Channel.RENEW, 0, "/dueDate"),
        Arguments.of(Channel.RESPONSE, 2, "/dueDate"),
        Arguments.of(Channel.RESPONSE, 3, "/loans/0/dueDate"));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("dates")
  void aDateOfTheYears1900To9999IsReadAnyOtherIsRefused(Channel channel, int example, String pointer) throws Exception {
    for (String ok : List.of("1900-01-01", "9999-12-31")) {
      byte[] payload = with(channel, example, Map.of(pointer, NODES.textNode(ok)));
      assertThat(Schemas.validate(channel, payload)).as(ok).isEmpty();
      assertThat(Schemas.JSON.readTree(Schemas.encode(Schemas.decode(channel, payload))).at(pointer).asText())
          .isEqualTo(ok);
    }
    for (String bad : List.of("1899-12-31", "10000-01-01", "+10000-01-01", "2026-1-5")) {
      byte[] payload = with(channel, example, Map.of(pointer, NODES.textNode(bad)));
      assertThat(Schemas.validate(channel, payload)).as(bad).isNotEmpty();
      assertRefused(() -> Schemas.decode(channel, payload), leaf(pointer),
          "expected a date YYYY-MM-DD of the years 1900-9999, got '" + bad + "'");
    }
  }

  @Test
  void anIdIsAUuidInItsCanonicalFormOnly() {
    byte[] payload = with(Channel.RETURN, 0, Map.of("/eventId", NODES.textNode("1-1-1-1-1")));
    assertThat(Schemas.validate(Channel.RETURN, payload)).isNotEmpty();
    assertRefused(() -> Schemas.decode(Channel.RETURN, payload), "eventId", "not a UUID: '1-1-1-1-1'");
  }

  // -- arrays and maps ----------------------------------------------------------------------------------------

  /** channel, example, pointer of an array or object, its greatest size, one element. */
  static Stream<Arguments> collections() {
    return Stream.of(
        Arguments.of(Channel.RESPONSE, 1, "/blocks", Limits.BLOCKS, NODES.textNode("card-lost")),
        Arguments.of(Channel.RESPONSE, 3, "/loans", Limits.LOANS, NODES.objectNode().put("itemId", "X1")),
        Arguments.of(Channel.RESPONSE, 3, "/holdsReady", Limits.HOLDS_READY, NODES.objectNode().put("itemId", "X3")),
        Arguments.of(Channel.CONFIG, 0, "/settings", Limits.SETTINGS, NODES.textNode("1")),
        Arguments.of(Channel.COMMAND, 0, "/args", Limits.SETTINGS, NODES.numberNode(1)));
  }

  @ParameterizedTest(name = "{0} {2} ≤ {3}")
  @MethodSource("collections")
  void aListOrMapAtItsLimitIsReadAndOneMoreIsRefused(Channel channel, int example, String pointer, int limit,
      JsonNode element) throws Exception {
    for (int size : new int[] {limit, limit + 1}) {
      JsonNode value;
      if (pointer.equals("/settings") || pointer.equals("/args")) {
        ObjectNode map = NODES.objectNode();
        for (int i = 0; i < size; i++) {
          map.set("k" + i, element);
        }
        value = map;
      } else {
        ArrayNode list = NODES.arrayNode();
        for (int i = 0; i < size; i++) {
          list.add(element);
        }
        value = list;
      }
      byte[] payload = with(channel, example, Map.of(pointer, value));
      if (size == limit) {
        assertThat(Schemas.validate(channel, payload)).isEmpty();
        assertThat(Schemas.JSON.readTree(Schemas.encode(Schemas.decode(channel, payload))).at(pointer)).hasSize(limit);
      } else {
        assertThat(Schemas.validate(channel, payload)).isNotEmpty();
        assertRefused(() -> Schemas.decode(channel, payload), leaf(pointer),
            (limit + 1) + " entries, at most " + limit);
      }
    }
  }

  // -- the payload as a whole ---------------------------------------------------------------------------------

  @Test
  void aPayloadOverItsBoundIsRefusedBeforeParsing() {
    // Not JSON at all: a parser would say so; the bound speaks first.
    byte[] device = "x".repeat(Limits.DEVICE_PAYLOAD_BYTES + 1).getBytes(StandardCharsets.UTF_8);
    assertRefused(() -> EventCodec.decode(Channel.RETURN, device), "$",
        (Limits.DEVICE_PAYLOAD_BYTES + 1) + " bytes, at most " + Limits.DEVICE_PAYLOAD_BYTES);
    assertRefused(() -> MessageCodec.decodeConfigAck(device), "$", "at most " + Limits.DEVICE_PAYLOAD_BYTES);
    byte[] hub = "x".repeat(Limits.HUB_PAYLOAD_BYTES + 1).getBytes(StandardCharsets.UTF_8);
    assertRefused(() -> MessageCodec.decodeResponse(hub), "$",
        (Limits.HUB_PAYLOAD_BYTES + 1) + " bytes, at most " + Limits.HUB_PAYLOAD_BYTES);
    assertRefused(() -> MessageCodec.decodeConfig(hub), "$", "at most " + Limits.HUB_PAYLOAD_BYTES);

    // Exactly at the bound (padded with spaces JSON allows): read.
    assertThat(EventCodec.decode(Channel.RETURN, padded(Channel.RETURN, Limits.DEVICE_PAYLOAD_BYTES))).isNotNull();
    assertThat(MessageCodec.decodeResponse(padded(Channel.RESPONSE, Limits.HUB_PAYLOAD_BYTES))).isNotNull();
  }

  @Test
  void aPayloadNestedDeeperThanTheBoundIsRefusedQuickly() {
    // 32 levels, the root object included: read (the extra field is ignored, as a newer minor's would be).
    assertThat(EventCodec.decode(Channel.RETURN, nested(Limits.NESTING_DEPTH - 1))).isNotNull();
    assertRefused(() -> EventCodec.decode(Channel.RETURN, nested(Limits.NESTING_DEPTH)), "$",
        "nesting depth (" + (Limits.NESTING_DEPTH + 1) + ") exceeds the maximum allowed (" + Limits.NESTING_DEPTH + ")");

    byte[] tenThousand = nested(10_000);
    long start = System.nanoTime();
    assertRefused(() -> EventCodec.decode(Channel.RETURN, tenThousand), "$", "(" + Limits.NESTING_DEPTH + ")");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
  }

  @Test
  void aNumberOfMoreThan64CharactersIsRefusedBeforeItIsConverted() {
    String number = "1" + "0".repeat(Limits.NUMBER_CHARS);
    byte[] payload = Schemas.examples(Channel.RETURN).get(0).toString().replace("\"sequence\":41",
        "\"sequence\":" + number).getBytes(StandardCharsets.UTF_8);
    assertRefused(() -> EventCodec.decode(Channel.RETURN, payload), "$", "(" + Limits.NUMBER_CHARS + ")");
  }

  @Test
  void aFieldNamedTwiceIsRefusedNamingIt() {
    // Readers disagree on which of two values counts (the first, the last): a schema validator and the hub
    // could each see a different item.
    String json = Schemas.examples(Channel.RETURN).get(0).toString();
    byte[] twice = json.replace("\"itemId\":\"0012345678\"", "\"itemId\":\"0012345678\",\"itemId\":\"0099\"")
        .getBytes(StandardCharsets.UTF_8);
    assertRefused(() -> EventCodec.decode(Channel.RETURN, twice), "itemId", "appears twice");
    String account = Schemas.examples(Channel.RESPONSE).get(3).toString();
    byte[] nested = account.replaceFirst("\"overdue\":(true|false)", "\"overdue\":$1,\"overdue\":true")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(nested).isNotEqualTo(account.getBytes(StandardCharsets.UTF_8));
    assertRefused(() -> MessageCodec.decodeResponse(nested), "overdue", "appears twice");
  }

  @Test
  void theLargestLegalMessagesFitTheirPayloadBound() {
    // Every text at its limit in 4-byte characters, every list full: what the limits allow must be sendable.
    String id = "𝔄".repeat(Limits.IDENTIFIER);
    String title = "𝔄".repeat(Limits.TITLE);
    String words = "𝔄".repeat(Limits.FREE_TEXT);
    LocalDate due = LocalDate.of(2999, 12, 31);
    SigbResponse.Builder account = SigbResponse.builder(UUID.randomUUID(), SigbRequest.Kind.PATRON_ACCOUNT,
            SigbResponse.Outcome.OK)
        .patronRef(new PatronPseudonym("k".repeat(16), new byte[32]).of("P1")).greetingName("𝔄".repeat(64))
        .dueDate(due).title(title).feesDue("9".repeat(Limits.AMOUNT_CHARS)).sortBin(Optional.of(id))
        .destination(Optional.of(id)).route(SigbResponse.ReturnRoute.SHUTTLE).messages(words, words);
    for (int i = 0; i < Limits.BLOCKS; i++) {
      account.block("x".repeat(Limits.TOKEN));
    }
    for (int i = 0; i < Limits.LOANS; i++) {
      account.loan(new SigbResponse.Loan(id, Optional.of(due), true, Optional.of(title)));
    }
    for (int i = 0; i < Limits.HOLDS_READY; i++) {
      account.holdReady(new SigbResponse.Hold(id, Optional.of(title), Optional.of(id)));
    }
    byte[] response = MessageCodec.encode(account.build());
    assertThat(response.length).isLessThanOrEqualTo(Limits.HUB_PAYLOAD_BYTES);
    assertThat(MessageCodec.decodeResponse(response)).isEqualTo(account.build());

    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 0; i < Limits.SETTINGS; i++) {
      settings.put(String.format("k%0" + (Limits.NAME_CHARS - 1) + "d", i), "𝔄".repeat(Limits.SETTING_VALUE));
    }
    Instant t = Limits.LATEST;
    byte[] config = MessageCodec.encode(new DeviceConfig("1.2", "d".repeat(64), Limits.SAFE_INTEGER, t, settings));
    assertThat(config.length).isLessThanOrEqualTo(Limits.HUB_PAYLOAD_BYTES);
    assertThat(MessageCodec.decodeConfig(config).settings()).isEqualTo(settings);

    EventHeader header = new EventHeader("1.2", UUID.randomUUID(), "d".repeat(64), Limits.SAFE_INTEGER, t);
    byte[] health = EventCodec.encode(new HealthEvent(header, Limits.SECONDS, Limits.COUNT, Limits.SECONDS,
        HealthEvent.ReaderState.DEGRADED, true, Optional.of(words), HealthEvent.PrinterState.PAPER_NEAR_END));
    assertThat(health.length).isLessThanOrEqualTo(Limits.DEVICE_PAYLOAD_BYTES);
    byte[] ack = MessageCodec.encode(new ConfigAck("d".repeat(64), Limits.SAFE_INTEGER, false, Optional.of(words),
        Limits.SAFE_INTEGER, t));
    assertThat(ack.length).isLessThanOrEqualTo(Limits.DEVICE_PAYLOAD_BYTES);
  }

  @Test
  void theSecondsLimitIsTheWholeInstantRange() {
    assertThat(Duration.between(Limits.EARLIEST, Limits.LATEST).getSeconds()).isEqualTo(Limits.SECONDS);
    assertThat(Limits.EARLIEST.toString()).matches(Limits.INSTANT_PATTERN);
    assertThat(Limits.LATEST.toString()).matches(Limits.INSTANT_PATTERN);
    assertThat(Limits.EARLIEST.minusNanos(1).toString()).doesNotMatch(Limits.INSTANT_PATTERN);
    assertThat(Limits.LATEST.plusNanos(1).toString()).doesNotMatch(Limits.INSTANT_PATTERN);
    assertThat(Limits.LATEST.toEpochMilli()).isLessThan(Limits.SAFE_INTEGER);
  }

  // -- helpers ------------------------------------------------------------------------------------------------

  /** An example of the channel with the values at the given JSON pointers replaced (or added). */
  static byte[] with(Channel channel, int example, Map<String, JsonNode> values) {
    ObjectNode copy = Schemas.examples(channel).get(example).deepCopy();
    values.forEach((pointer, value) -> {
      int cut = pointer.lastIndexOf('/');
      JsonNode parent = copy.at(pointer.substring(0, cut));
      String last = pointer.substring(cut + 1);
      if (parent instanceof ArrayNode array) {
        array.set(Integer.parseInt(last), value);
      } else if (parent instanceof ObjectNode object) {
        object.set(last, value);
      } else {
        throw new IllegalArgumentException("no parent for " + pointer + " in " + channel + " example " + example);
      }
    });
    return copy.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, JsonNode> all(List<String> pointers, String text) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    pointers.forEach(p -> values.put(p, NODES.textNode(text)));
    return values;
  }

  /** The field name an error names for a pointer: the last name in it ({@code /loans/0/itemId} → itemId). */
  private static String leaf(String pointer) {
    String[] parts = pointer.split("/");
    String last = parts[parts.length - 1];
    return last.chars().allMatch(Character::isDigit) ? parts[parts.length - 2] : last;
  }

  private static void assertRefused(ThrowingCallable call, String field, String problem) {
    assertThatThrownBy(call)
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((SchemaException) e).field()).endsWith(field))
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  /** A return example with an extra field holding arrays nested so that the payload is depth + 1 deep. */
  private static byte[] nested(int depth) {
    String json = Schemas.examples(Channel.RETURN).get(0).toString();
    return (json.substring(0, json.length() - 1) + ",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The first example of a channel, padded with spaces to exactly {@code size} bytes. */
  private static byte[] padded(Channel channel, int size) {
    String json = Schemas.examples(channel).get(0).toString();
    byte[] bytes = (" ".repeat(size - json.getBytes(StandardCharsets.UTF_8).length) + json)
        .getBytes(StandardCharsets.UTF_8);
    assertThat(bytes).hasSize(size);
    return bytes;
  }
}
