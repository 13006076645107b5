package fr.navette.agent;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.schema.Channel;
import fr.navette.schema.CountEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.ResendRequest.Range;
import fr.navette.schema.ReturnEvent;
import fr.navette.sim.devices.SteppedClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the broker confirmed is kept a while and can be sent again: Mosquitto acknowledges a QoS 1 event and holds it
 * in memory only, so a kill -9 of Mosquitto loses what it had not handed to the hub yet, after the device forgot it.
 * The hub sees the hole and asks; these are the device's answers, on a real SQLite file.
 */
class OutboxResendTest {
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-04T09:00:00Z"));
  @TempDir Path dir;

  @Test
  void aConfirmedEventIsKeptAndPutBackWithItsSequenceAndExactPayload() {
    try (SqliteOutbox outbox = open(OutboxPolicy.DEFAULT)) {
      for (int i = 1; i <= 3; i++) {
        append(outbox, "ITEM-" + i);
      }
      List<Outbox.StoredEvent> sent = outbox.oldest(10);
      sent.forEach(e -> outbox.remove(e.sequence())); // the broker's PUBACKs
      assertThat(outbox.depth()).isZero();
      assertThat(outbox.keptSent()).isEqualTo(3);

      Outbox.Resent resent = outbox.resend(List.of(new Range(2, 2)));

      assertThat(resent.requeued()).isEqualTo(1);
      assertThat(resent.notKept()).isEmpty();
      assertThat(outbox.depth()).isEqualTo(1);
      Outbox.StoredEvent again = outbox.oldest(10).getFirst();
      assertThat(again.sequence()).isEqualTo(2);
      assertThat(again.channel()).isEqualTo(Channel.RETURN);
      assertThat(again.payload()).isEqualTo(sent.get(1).payload()); // same bytes: same event id for the hub
      assertThat(EventCodec.decodeReturn(again.payload()).header().sequence()).isEqualTo(2);
      outbox.remove(2); // confirmed again: kept again
      assertThat(outbox.keptSent()).isEqualTo(3);
      // the sequence goes on above the high mark: a resend spends no number
      assertThat(append(outbox, "ITEM-4").sequence()).isEqualTo(4);
    }
  }

  @Test
  void keptAcrossARestart() {
    try (SqliteOutbox outbox = open(OutboxPolicy.DEFAULT)) {
      append(outbox, "ITEM-1");
      outbox.remove(1);
    }
    try (SqliteOutbox reopened = open(OutboxPolicy.DEFAULT)) {
      assertThat(reopened.keptSent()).isEqualTo(1);
      assertThat(reopened.resend(List.of(new Range(1, 1))).requeued()).isEqualTo(1);
      assertThat(reopened.oldest(1)).extracting(Outbox.StoredEvent::sequence).containsExactly(1L);
    }
  }

  @Test
  void keptAtMostTheNumberOfThePolicyTheOldestForgottenFirst() {
    try (SqliteOutbox outbox = open(OutboxPolicy.DEFAULT.keepingSent(Duration.ofDays(7), 3))) {
      for (int i = 1; i <= 10; i++) {
        append(outbox, "ITEM-" + i);
        outbox.remove(i);
      }
      assertThat(outbox.keptSent()).isEqualTo(3);
      Outbox.Resent resent = outbox.resend(List.of(new Range(1, 10)));
      assertThat(resent.requeued()).isEqualTo(3);
      assertThat(resent.notKept()).containsExactly(new Range(1, 7));
      assertThat(outbox.oldest(10)).extracting(Outbox.StoredEvent::sequence).containsExactly(8L, 9L, 10L);
    }
  }

  @Test
  void keptForTheTimeOfThePolicyAtMost() {
    try (SqliteOutbox outbox = open(OutboxPolicy.DEFAULT.keepingSent(Duration.ofDays(7), 50_000))) {
      append(outbox, "MONDAY-1");
      append(outbox, "MONDAY-2");
      outbox.remove(1);
      outbox.remove(2);
      clock.advance(Duration.ofDays(7).plusMinutes(1));
      append(outbox, "NEXT-TUESDAY");
      outbox.remove(3); // the week-old ones go at this removal
      assertThat(outbox.keptSent()).isEqualTo(1);
      assertThat(outbox.resend(List.of(new Range(1, 3))).notKept()).containsExactly(new Range(1, 2));
      outbox.remove(3); // sent again: kept from now
    }
    clock.advance(Duration.ofDays(8));
    try (SqliteOutbox reopened = open(OutboxPolicy.DEFAULT)) { // and at open, for a device that sat idle
      assertThat(reopened.keptSent()).isEqualTo(0);
    }
  }

  @Test
  void whatTheDeviceNoLongerHasOrSetAsideIsNamedAndWhatIsQueuedStays() {
    try (SqliteOutbox outbox = open(OutboxPolicy.DEFAULT)) {
      for (int i = 1; i <= 5; i++) {
        append(outbox, "ITEM-" + i);
      }
      outbox.remove(1);
      outbox.refuse(2, "schema: itemId");
      outbox.remove(4);
      // 3 and 5 still queued; 6 and 7 were never stored (above the high mark)
      Outbox.Resent resent = outbox.resend(List.of(new Range(1, 7)));

      assertThat(resent.requeued()).isEqualTo(2);
      assertThat(resent.queued()).isEqualTo(2);
      assertThat(resent.refused()).containsExactly(new Range(2, 2));
      assertThat(resent.notKept()).containsExactly(new Range(6, 7));
      assertThat(outbox.depth()).isEqualTo(4);
      assertThat(outbox.oldest(10)).extracting(Outbox.StoredEvent::sequence).containsExactly(1L, 3L, 4L, 5L);
    }
  }

  @Test
  void nothingIsMergedIntoACountPutBack() {
    try (SqliteOutbox outbox = open(new OutboxPolicy(1))) {
      Outbox.StoredEvent count = count(outbox, 5);
      outbox.oldest(1);
      outbox.remove(count.sequence());
    }
    // Restarted (nothing handed out yet in this run), past the soft limit as soon as one event waits.
    try (SqliteOutbox outbox = open(new OutboxPolicy(1))) {
      outbox.resend(List.of(new Range(1, 1)));
      Outbox.StoredEvent next = count(outbox, 7);
      assertThat(next.sequence()).as("stored as a new event, not merged into the one the hub may have").isEqualTo(2);
      assertThat(EventCodec.decode(Channel.COUNT, outbox.oldest(1).getFirst().payload(), CountEvent.class).entries())
          .isEqualTo(5);
    }
  }

  private SqliteOutbox open(OutboxPolicy policy) {
    return SqliteOutbox.open(dir.resolve("outbox.db"), "box-1", clock, policy);
  }

  private Outbox.StoredEvent append(SqliteOutbox outbox, String item) {
    return outbox.append(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, item, clock.instant(), false)));
  }

  private Outbox.StoredEvent count(SqliteOutbox outbox, int entries) {
    Instant now = clock.instant();
    return outbox.append(Channel.COUNT, h -> EventCodec.encode(new CountEvent(h, now.minusSeconds(60), now, entries,
        0, 1)));
  }
}
