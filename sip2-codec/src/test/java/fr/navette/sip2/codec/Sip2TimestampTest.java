package fr.navette.sip2.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class Sip2TimestampTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void aBlankZoneIsTheAcsLocalTime() {
    Instant t = Instant.parse("2026-01-15T09:15:00Z");
    Sip2Timestamp local = Sip2Timestamp.local(t, PARIS);
    assertThat(local.format()).isEqualTo("20260115    101500");
    assertThat(local.toInstant(PARIS)).isEqualTo(t);
  }

  @Test
  void utcIsMarkedZ() {
    Instant t = Instant.parse("2026-07-01T22:00:05Z");
    Sip2Timestamp utc = Sip2Timestamp.utc(t);
    assertThat(utc.format()).isEqualTo("20260701   Z220005");
    assertThat(Sip2Timestamp.parse(utc.format()).orElseThrow().toInstant(PARIS)).isEqualTo(t);
  }

  @Test
  void blankDatesAreEmptyAndNonsenseIsRefused() {
    assertThat(Sip2Timestamp.parse(Sip2Timestamp.BLANK)).isEmpty();
    assertThatThrownBy(() -> Sip2Timestamp.parse("20261315    101500")).hasMessageContaining("not a valid date");
    assertThatThrownBy(() -> Sip2Timestamp.parse("2026011    101500")).hasMessageContaining("YYYYMMDDZZZZHHMMSS");
  }

  @Test
  void anUnknownZoneFallsBackToTheAcsZone() {
    Sip2Timestamp odd = Sip2Timestamp.parse("20260115XXXX101500").orElseThrow();
    assertThat(odd.toInstant(PARIS)).isEqualTo(Instant.parse("2026-01-15T09:15:00Z"));
  }
}
