package fr.navette.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventCodecTest {
  private final UuidV7 ids = new UuidV7(Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC));

  @Test
  void aReturnSurvivesTheRoundTripAndMatchesItsSchema() {
    Instant returned = Instant.parse("2026-11-23T18:42:10Z");
    ReturnEvent event = new ReturnEvent(
        new EventHeader("1.0", ids.next(), "box-BR02-1", 41, Instant.parse("2026-11-24T09:15:02.120Z")),
        "0012345678", returned, true);

    byte[] payload = EventCodec.encode(event);

    assertThat(EventCodec.decodeReturn(payload)).isEqualTo(event);
    assertThat(Schemas.validate(Channel.RETURN, payload)).isEmpty();
  }

  @Test
  void unknownFieldsAreIgnored() {
    String json = """
        {"schemaVersion":"1.3","type":"return","eventId":"0193a5c2-7f00-7a3b-9c1d-2e4f6a8b0c1d","deviceId":"box-1",
         "sequence":1,"deviceTime":"2026-11-24T09:15:02Z","itemId":"X1","returnedAt":"2026-11-24T09:15:02Z",
         "binHint":"shuttle"}""";
    assertThat(EventCodec.decodeReturn(json.getBytes(StandardCharsets.UTF_8)).itemId()).isEqualTo("X1");
  }

  @Test
  void aHigherMajorVersionIsRefusedClearly() {
    String json = """
        {"schemaVersion":"2.0","type":"return","eventId":"0193a5c2-7f00-7a3b-9c1d-2e4f6a8b0c1d","deviceId":"box-1",
         "sequence":1,"deviceTime":"2026-11-24T09:15:02Z","itemId":"X1","returnedAt":"2026-11-24T09:15:02Z"}""";
    assertThatThrownBy(() -> EventCodec.decodeReturn(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("schemaVersion")
        .hasMessageContaining("2.0");
  }

  @Test
  void malformedPayloadsNameTheField() {
    assertThatThrownBy(() -> EventCodec.decodeReturn("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SchemaException.class).hasMessageStartingWith("$:");
    String noItem = """
        {"schemaVersion":"1.0","type":"return","eventId":"0193a5c2-7f00-7a3b-9c1d-2e4f6a8b0c1d","deviceId":"box-1",
         "sequence":1,"deviceTime":"2026-11-24T09:15:02Z","returnedAt":"2026-11-24T09:15:02Z"}""";
    assertThatThrownBy(() -> EventCodec.decodeReturn(noItem.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SchemaException.class)
        .extracting(e -> ((SchemaException) e).field()).isEqualTo("itemId");
  }

  @Test
  void idsIncreaseStrictlyWithinOneMillisecond() {
    var first = ids.next();
    var second = ids.next();
    assertThat(first.version()).isEqualTo(7);
    assertThat(second.compareTo(first)).isPositive();
    assertThat(UuidV7.millisOf(first)).isEqualTo(Instant.parse("2026-11-24T09:00:00Z").toEpochMilli());
  }

  @Test
  void topicsParseAndRefuseWildcards() {
    assertThat(Topic.parse("navette/v1/BR02/box-BR02-1/return"))
        .isEqualTo(new Topic("BR02", "box-BR02-1", "return"));
    assertThatThrownBy(() -> Topic.parse("navette/v1/+/box/return")).hasMessageContaining("topic.site");
    assertThatThrownBy(() -> Topic.parse("other/v1/a/b/c")).hasMessageContaining("navette/v1");
  }
}
