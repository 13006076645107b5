package fr.navette.agent;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.ReturnEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteOutboxTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;

  @Test
  void eventsSurviveReopeningInOrderAndSequencesNeverGoBack() {
    Path file = dir.resolve("outbox.db");
    try (SqliteOutbox outbox = SqliteOutbox.open(file, "box-BR01-1", clock)) {
      for (int i = 1; i <= 3; i++) {
        String item = "ITEM" + i;
        outbox.append(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, item, clock.instant(), false)));
      }
      outbox.remove(1);
    }
    try (SqliteOutbox reopened = SqliteOutbox.open(file, "box-BR01-1", clock)) {
      assertThat(reopened.oldest(10)).extracting(Outbox.StoredEvent::sequence).containsExactly(2L, 3L);
      reopened.remove(2);
      reopened.remove(3);
      assertThat(reopened.depth()).isZero();
      var next = reopened.append(Channel.RETURN,
          h -> EventCodec.encode(new ReturnEvent(h, "ITEM4", clock.instant(), false)));
      assertThat(next.sequence()).isEqualTo(4L); // not 1: the hub would take a reset for lost events
      ReturnEvent stored = EventCodec.decodeReturn(reopened.oldest(1).getFirst().payload());
      assertThat(stored.itemId()).isEqualTo("ITEM4");
      assertThat(stored.header().sequence()).isEqualTo(4L);
      assertThat(stored.header().deviceId()).isEqualTo("box-BR01-1");
    }
  }
}
