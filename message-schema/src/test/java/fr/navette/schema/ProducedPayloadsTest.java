package fr.navette.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

/** Whatever the code produces follows the shipped schemas, and reads back equal. */
class ProducedPayloadsTest {
  private static final Instant T = Instant.parse("2026-11-24T09:15:02.120Z");
  private static final UuidV7 IDS = new UuidV7(Clock.fixed(T, ZoneOffset.UTC));
  private static final PatronPseudonym NETWORK = new PatronPseudonym("k2026", new byte[32]);

  @Property(tries = 200)
  void everyEventTheCodeMakesFollowsItsSchema(@ForAll("events") Event event) {
    byte[] payload = EventCodec.encode(event);
    assertThat(Schemas.validate(event.channel(), payload)).as(new String(payload, StandardCharsets.UTF_8)).isEmpty();
    assertThat(EventCodec.decode(event.channel(), payload)).isEqualTo(event);
  }

  @Property(tries = 100)
  void everyRequestTheCodeMakesFollowsItsSchema(@ForAll("requests") SigbRequest request) {
    byte[] payload = MessageCodec.encode(request);
    assertThat(Schemas.validate(Channel.REQUEST, payload)).isEmpty();
    assertThat(MessageCodec.decodeRequest(payload)).isEqualTo(request);
  }

  @Test
  void everyOtherMessageTheCodeMakesFollowsItsSchema() {
    SigbRequest checkout = new SigbRequest(UUID.randomUUID(), "kiosk-BR01-1", SigbRequest.Kind.CHECKOUT,
        Optional.of("29000123456789"), Optional.empty(), Optional.of("0012345678"), T, T.plusSeconds(5));
    SigbRequest undo = new SigbRequest(UUID.randomUUID(), "kiosk-BR01-1", SigbRequest.Kind.UNDO_CHECKOUT,
        Optional.of("29000123456789"), Optional.empty(), Optional.of("0012345678"), T, T.plusSeconds(5));
    List<Object> made = List.of(
        SigbResponse.of(checkout, SigbResponse.Outcome.EXPIRED, "Délai dépassé.", "Timed out."),
        new SigbResponse(checkout.requestId(), SigbRequest.Kind.PATRON_ACCOUNT, SigbResponse.Outcome.OK,
            Optional.of(NETWORK.of("29000123456789")), Optional.of("Zoé"), Optional.of(LocalDate.of(2026, 12, 22)),
            Optional.of("Les Misérables"), List.of("card-lost"),
            List.of(new SigbResponse.Loan("X1", Optional.empty(), true),
                new SigbResponse.Loan("X2", Optional.of(LocalDate.of(2026, 12, 1)), false, Optional.of("Ça ira"))),
            List.of(new SigbResponse.Hold("X3", Optional.of("Œuvres complètes"), Optional.of("BR03")),
                new SigbResponse.Hold("X4", Optional.empty(), Optional.empty())),
            Optional.of("3.50"), Optional.of("A"), Optional.of("BR03"), Optional.of(SigbResponse.ReturnRoute.SHUTTLE),
            Optional.of("Bonjour"), Optional.of("Hello"), true),
        SigbResponse.builder(UUID.randomUUID(), SigbRequest.Kind.CHECKIN, SigbResponse.Outcome.OK)
            .route(SigbResponse.ReturnRoute.HOLD_SHELF).title("Ça ira").build(),
        SigbResponse.builder(undo, SigbResponse.Outcome.OK).title("Les Misérables")
            .messages("Le prêt est annulé.", "The loan is cancelled.").build(),
        new DeviceConfig("1.0", "gate-BR01-1", 3, T, Map.of("alarmVolume", "7")),
        new DeviceConfig("1.3", "gate-BR01-1", DeviceConfig.MAX_VERSION, T, Map.of("alarmVolume", "7")),
        new DeviceConfig("1.3", "gate-BR01-1", 1, T, Map.of("alarmVolume", "7"), true),
        new ConfigAck("gate-BR01-1", 4, false, Optional.of("settings.alarmVolume: expected 0-10"), 3, T),
        new ConfigAck("gate-BR01-1", -1, false, Optional.of("$: not JSON"), 0, T),
        new Command("1.0", UUID.randomUUID(), "gate-BR01-1", "silence-alarm", Map.of(), T, Optional.empty()),
        new CommandAck("gate-BR01-1", UUID.randomUUID(), CommandAck.Status.EXPIRED, Optional.empty(), T));
    for (Object message : made) {
      Channel channel = switch (message) {
        case SigbResponse r -> Channel.RESPONSE;
        case DeviceConfig c -> Channel.CONFIG;
        case ConfigAck a -> Channel.CONFIG_ACK;
        case Command c -> Channel.COMMAND;
        default -> Channel.COMMAND_ACK;
      };
      byte[] payload = Schemas.encode(message);
      assertThat(Schemas.validate(channel, payload)).as(new String(payload, StandardCharsets.UTF_8)).isEmpty();
      assertThat(Schemas.decode(channel, payload)).isEqualTo(message);
    }
  }

  @Test
  void aConfigVersionAboveTheHubsCeilingIsRefusedNamingTheVersion() {
    byte[] forged = ("{\"schemaVersion\":\"1.0\",\"type\":\"config\",\"deviceId\":\"gate-BR01-1\","
        + "\"version\":9223372036854775807,\"issuedAt\":\"2026-11-24T09:15:02Z\",\"settings\":{}}")
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> MessageCodec.decodeConfig(forged)).isInstanceOf(SchemaException.class)
        .hasMessage("version: 9223372036854775807, at most 9007199254740991");
    assertThat(Schemas.validate(Channel.CONFIG, forged)).isNotEmpty();
    assertThat(MessageCodec.peekConfigVersion(forged)).isEmpty(); // out of range: the refusal's reason names it
  }

  @Test
  void aClearPatronBarcodeCannotGoIntoAnEvent() {
    assertThatThrownBy(() -> new CheckoutEvent(header(1), "X1", "29000123456789", Optional.empty(), true, T))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith("patronRef:")
        .hasMessageNotContaining("29000123456789");
  }

  @Test
  void aRequestNeverShowsItsPinOrWholeBarcode() {
    SigbRequest request = new SigbRequest(UUID.randomUUID(), "kiosk-BR01-1", SigbRequest.Kind.PATRON_STATUS,
        Optional.of("29000123456789"), Optional.of("4321"), Optional.empty(), T, T.plusSeconds(5));
    assertThat(request.toString()).doesNotContain("4321").doesNotContain("29000123456789").contains("<hidden>");
    assertThatThrownBy(() -> new SigbRequest(UUID.randomUUID(), "kiosk-BR01-1", SigbRequest.Kind.CHECKOUT,
        Optional.of("29000123456789"), Optional.empty(), Optional.empty(), T, T.plusSeconds(5)))
        .hasMessageStartingWith("itemId:");
  }

  @Test
  void aResponseIsBuiltFieldByFieldAndNeverShowsWhatThePatronReads() {
    SigbRequest account = new SigbRequest(UUID.randomUUID(), "kiosk-BR01-1", SigbRequest.Kind.PATRON_ACCOUNT,
        Optional.of("29000123456789"), Optional.of("4321"), Optional.empty(), T, T.plusSeconds(5));
    SigbResponse built = SigbResponse.builder(account, SigbResponse.Outcome.OK).patronRef(NETWORK.of("29000123456789"))
        .greetingName("Zoé").loan(new SigbResponse.Loan("X1", Optional.of(LocalDate.of(2026, 12, 1)), false,
            Optional.of("Le Petit Prince"))).holdReady(new SigbResponse.Hold("X2", Optional.of("Ça ira"),
            Optional.of("BR03"))).feesDue("1.50").messages("Bonjour Zoé !", "Hello Zoé!").build();
    assertThat(built).isEqualTo(new SigbResponse(account.requestId(), SigbRequest.Kind.PATRON_ACCOUNT,
        SigbResponse.Outcome.OK, Optional.of(NETWORK.of("29000123456789")), Optional.of("Zoé"), Optional.empty(),
        Optional.empty(), List.of(), built.loans(), built.holdsReady(), Optional.of("1.50"), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of("Bonjour Zoé !"), Optional.of("Hello Zoé!"), false));
    assertThat(built.toBuilder().build()).isEqualTo(built);
    assertThat(built.viewOnly()).isFalse();
    SigbResponse viewOnly = built.toBuilder().viewOnly(true).build();
    assertThat(viewOnly.toBuilder().build()).isEqualTo(viewOnly);
    assertThat(viewOnly.toString()).contains("view-only");
    assertThat(built.toString()).contains("1 loans", "1 holds ready", "fees 1.50")
        .doesNotContain("Zoé").doesNotContain("Petit Prince").doesNotContain("Ça ira");
  }

  @Test
  void theFourteenSip2StatusFlagsAndTheCardChecksHaveWireNamesAndPlainMessages() {
    assertThat(PatronBlock.ofStatusFlag(4)).isEqualTo(PatronBlock.CARD_LOST);
    assertThat(PatronBlock.ofStatusFlag(6).wire()).isEqualTo("too-many-overdue");
    assertThat(PatronBlock.ofStatusFlag(13)).isEqualTo(PatronBlock.TOO_MANY_BILLED);
    assertThatThrownBy(() -> PatronBlock.ofStatusFlag(14)).hasMessageContaining("14");
    assertThat(PatronBlock.fromWire("wrong-pin")).hasValue(PatronBlock.WRONG_PIN);
    assertThat(PatronBlock.fromWire("added-by-a-newer-hub")).isEmpty();
    for (PatronBlock block : PatronBlock.values()) {
      assertThat(block.messageFr()).as(block.wire()).isNotBlank().isNotEqualTo(block.messageEn());
      assertThat(block.messageEn()).as(block.wire()).isNotBlank();
    }
    // Every name the response schema documents is one the code knows, and the other way round.
    String documented = Schemas.file("response.schema.json").at("/properties/blocks/description").asText();
    for (PatronBlock block : PatronBlock.values()) {
      assertThat(documented).contains(block.wire());
    }
  }

  @Provide
  Arbitrary<Event> events() {
    Arbitrary<String> item = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20);
    Arbitrary<Long> seq = Arbitraries.longs().between(0, Limits.SAFE_INTEGER);
    Arbitrary<Long> small = Arbitraries.longs().between(0, 1_000_000);
    Arbitrary<Optional<LocalDate>> due = Arbitraries.of(Optional.empty(), Optional.of(LocalDate.of(2027, 1, 19)));
    Arbitrary<String> patron = Arbitraries.strings().numeric().ofMinLength(4).ofMaxLength(14).map(NETWORK::of);
    return Arbitraries.oneOf(
        Combinators.combine(seq, item, Arbitraries.of(true, false))
            .as((s, i, off) -> (Event) new ReturnEvent(header(s), i, T.minusSeconds(60), off)),
        Combinators.combine(seq, Arbitraries.strings().withChars("0123456789ABCDEF").ofMinLength(1).ofMaxLength(16)
                .optional(), item.optional(), Arbitraries.of(ReturnProblemEvent.Problem.class), item)
            .as((s, uid, i, p, why) -> new ReturnProblemEvent(header(s), uid, i, p, why, T.minusSeconds(5))),
        Combinators.combine(seq, Arbitraries.strings().withChars("0123456789ABCDEF").ofLength(16),
                item.optional(), Arbitraries.of(AlarmEvent.Direction.class), Arbitraries.integers().between(0, 8))
            .as((s, uid, i, d, antenna) -> new AlarmEvent(header(s), uid, i, d, T,
                antenna == 0 ? OptionalInt.empty() : OptionalInt.of(antenna),
                i.isPresent() ? Optional.empty() : Optional.of("bad CRC"))),
        Combinators.combine(seq, item, patron, due, Arbitraries.of(true, false))
            .as((s, i, p, d, dis) -> new CheckoutEvent(header(s), i, p, d, dis, T)),
        Combinators.combine(seq, item, patron, due).as((s, i, p, d) -> new RenewEvent(header(s), i, p, d, T)),
        Combinators.combine(seq, small, small, Arbitraries.longs().between(1, 10_000))
            .as((s, in, out, agg) -> new CountEvent(header(s), T.minusSeconds(900), T, in, out, agg)),
        Combinators.combine(seq, Arbitraries.of(StateEvent.State.class))
            .as((s, st) -> new StateEvent(header(s), st, "0.1.0")),
        Combinators.combine(seq, small, small, Arbitraries.of(HealthEvent.ReaderState.class), item.optional(),
                Arbitraries.of(HealthEvent.PrinterState.class))
            .as((s, up, depth, rs, err, ps) -> new HealthEvent(header(s), up, depth, depth / 2, rs, depth % 2 == 0,
                err, ps)));
  }

  @Provide
  Arbitrary<SigbRequest> requests() {
    Arbitrary<Optional<String>> text = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(14)
        .optional();
    return Combinators.combine(Arbitraries.of(SigbRequest.Kind.class), text, text)
        .as((kind, patron, pin) -> new SigbRequest(UUID.randomUUID(), "kiosk-BR01-1", kind,
            kind == SigbRequest.Kind.CHECKIN ? Optional.empty() : Optional.of(patron.orElse("P1")), pin,
            kind == SigbRequest.Kind.PATRON_STATUS || kind == SigbRequest.Kind.PATRON_ACCOUNT
                ? Optional.empty() : Optional.of("0012345678"), T, T.plusSeconds(5)));
  }

  private static EventHeader header(long sequence) {
    return new EventHeader(EventCodec.SCHEMA_VERSION, IDS.next(), "gate-BR01-1", sequence, T);
  }
}
