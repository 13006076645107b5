package fr.navette.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.schema.AlarmEvent;
import fr.navette.schema.Channel;
import fr.navette.schema.CountEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.ReturnEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox's written bound policy, on a real SQLite file. */
class OutboxPolicyTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;

  @Test
  void pastTheSoftLimitCountsAreMergedAndNothingElseIsEverDroppedOrMerged() {
    try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("o.db"), "gate-1", clock, new OutboxPolicy(3))) {
      returnEvent(outbox, "R1");
      count(outbox, 10, 9);
      returnEvent(outbox, "R2");
      assertThat(outbox.depth()).isEqualTo(3);

      // At the limit: counts go into the newest stored count, returns and alarms keep coming.
      for (int i = 0; i < 50; i++) {
        count(outbox, 1, 2);
        returnEvent(outbox, "R" + (i + 3));
        outbox.append(Channel.ALARM, h -> EventCodec.encode(
            new AlarmEvent(h, "E0040150ABCDEF01", Optional.empty(), AlarmEvent.Direction.OUT, clock.instant())));
      }
      assertThat(outbox.depth()).isEqualTo(3 + 50 + 50);
      var counts = outbox.oldest(1000).stream().filter(e -> e.channel() == Channel.COUNT).toList();
      assertThat(counts).hasSize(1);
      CountEvent merged = EventCodec.decode(Channel.COUNT, counts.getFirst().payload(), CountEvent.class);
      assertThat(merged.entries()).isEqualTo(10 + 50);
      assertThat(merged.exits()).isEqualTo(9 + 100);
      assertThat(merged.aggregated()).isEqualTo(51);
      assertThat(merged.header().sequence()).isEqualTo(2L);
      // No sequence number was spent on merged counts: the hub sees no gap.
      assertThat(outbox.oldest(1000)).extracting(Outbox.StoredEvent::sequence)
          .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 103).boxed().toList());
    }
  }

  @Test
  void aCountAlreadyHandedToTheForwarderIsNeverMergedInto() {
    try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("o.db"), "gate-1", clock, new OutboxPolicy(1))) {
      count(outbox, 5, 5);
      assertThat(outbox.oldest(10)).hasSize(1); // in flight now: its PUBACK may come at any moment
      Outbox.StoredEvent next = count(outbox, 1, 1);
      assertThat(next.sequence()).isEqualTo(2L);
      Outbox.StoredEvent third = count(outbox, 1, 1);
      assertThat(third.sequence()).as("merged into the second, not the first").isEqualTo(2L);
      assertThat(EventCodec.decode(Channel.COUNT, outbox.oldest(10).getFirst().payload(), CountEvent.class)
          .entries()).isEqualTo(5);
    }
  }

  @Test
  void depthAgeAndHighWaterMarkSurviveReopening() {
    Path file = dir.resolve("o.db");
    try (SqliteOutbox outbox = SqliteOutbox.open(file, "box-1", clock)) {
      assertThat(outbox.oldestStoredAtMillis()).isEmpty();
      assertThat(outbox.lastSequence()).isZero();
      returnEvent(outbox, "R1");
      returnEvent(outbox, "R2");
      outbox.remove(1);
    }
    try (SqliteOutbox outbox = SqliteOutbox.open(file, "box-1", clock)) {
      assertThat(outbox.depth()).isEqualTo(1);
      assertThat(outbox.lastSequence()).isEqualTo(2);
      assertThat(outbox.oldestStoredAtMillis()).hasValue(clock.millis());
    }
  }

  @Test
  void liveMessagesNeverEnterTheOutbox() {
    try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("o.db"), "box-1", clock)) {
      assertThatThrownBy(() -> outbox.append(Channel.HEALTH, h -> new byte[0]))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("health");
      assertThat(outbox.depth()).isZero();
    }
  }

  private Outbox.StoredEvent returnEvent(Outbox outbox, String item) {
    return outbox.append(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, item, clock.instant(), false)));
  }

  private Outbox.StoredEvent count(Outbox outbox, long in, long out) {
    return outbox.append(Channel.COUNT, h -> EventCodec.encode(
        new CountEvent(h, clock.instant().minusSeconds(900), clock.instant(), in, out, 1)));
  }
}
