package fr.navette.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.ReturnEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device's data folder full (an SD card full of logs), then freed: the outbox must take events and let them go
 * again. Found by the chaos run (issue 19): after SQLITE_FULL during a removal the outbox's prepared DELETE said
 * "statement is not executing" forever, and the box's events never left again. Needs a small tmpfs (root).
 */
class OutboxDiskFullTest {
  @TempDir Path dir;
  private Path mounted;

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null) {
      new ProcessBuilder("umount", "-l", mounted.toString()).inheritIO().start().waitFor();
    }
  }

  @Test
  void afterTheDiskWasFullAndFreedEventsAreStoredAndRemovedAgain() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    int mount = -1;
    try {
      mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", data.toString())
          .redirectErrorStream(true).start().waitFor();
    } catch (IOException e) {
      // no mount command
    }
    assumeTrue(mount == 0, "cannot mount a tmpfs here (needs root): the full disk is not tested");
    mounted = data;
    Clock clock = Clock.systemUTC();
    try (SqliteOutbox outbox = SqliteOutbox.open(data.resolve("outbox.db"), "box-1", clock)) {
      for (int i = 0; i < 40; i++) {
        String item = "R" + i;
        outbox.append(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, item, clock.instant(), true)));
      }
      Path ballast = data.resolve("ballast");
      fill(ballast);
      // While full: whatever fails, fails with an OutboxException (the box puts the document aside).
      List<Outbox.StoredEvent> waiting = outbox.oldest(100);
      for (Outbox.StoredEvent event : waiting.subList(0, 20)) {
        try {
          outbox.remove(event.sequence());
        } catch (OutboxException full) {
          // the disk is full: tried again later
        }
      }
      assertThatThrownBy(() -> {
        for (int i = 0; i < 200; i++) {
          String item = "F" + i;
          outbox.append(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, item, clock.instant(), true)));
        }
      }).isInstanceOf(OutboxException.class);

      Files.delete(ballast);
      String item = "after";
      Outbox.StoredEvent stored = outbox.append(Channel.RETURN,
          h -> EventCodec.encode(new ReturnEvent(h, item, clock.instant(), true)));
      for (Outbox.StoredEvent event : outbox.oldest(1_000)) {
        outbox.remove(event.sequence());
      }
      assertThat(outbox.oldest(1_000)).as("every event let go once the disk was freed").isEmpty();
      assertThat(outbox.depth()).isZero();
      assertThat(stored.sequence()).isGreaterThan(40);
    }
  }

  private static void fill(Path ballast) {
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(ballast)) {
      while (true) {
        out.write(block);
        out.flush();
      }
    } catch (IOException full) {
      // no space left on device: what we wanted
    }
  }
}
