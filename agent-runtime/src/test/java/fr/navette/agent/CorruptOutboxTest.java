package fr.navette.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.HealthEvent;
import fr.navette.schema.ReturnEvent;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An outbox file SQLite finds corrupt, on a real file: set aside for analysis, a fresh one goes on above it. */
class CorruptOutboxTest {
  private static final String BOX = "box-BR01-1";
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T11:30:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;

  @Test
  void pagesOverwrittenWithGarbageSetTheFileAsideAndAFreshOutboxResumesAboveTheLostSequences() throws Exception {
    Path file = dir.resolve("outbox.db");
    store(file, 250, 100); // 250 stored, the first 100 sent: 150 waiting when the card goes bad
    byte[] corrupt = garbage(file, 4096);

    try (SqliteOutbox fresh = SqliteOutbox.open(file, BOX, clock)) {
      SqliteOutbox.SetAside aside = fresh.setAside().orElseThrow();
      assertThat(aside.keptAs()).isEqualTo(dir.resolve("outbox.db.corrupt-20261203T113000Z"));
      assertThat(Files.readAllBytes(aside.keptAs())).isEqualTo(corrupt); // kept as it was, for analysis
      assertThat(aside.problem()).containsAnyOf("quick_check", "malformed");
      assertThat(aside.resumedAfter()).isGreaterThanOrEqualTo(250).isLessThan(250 + OutboxSequenceMark.BLOCK);
      assertThat(aside.notice()).startsWith(HealthEvent.OUTBOX_SET_ASIDE + "outbox.db.corrupt-20261203T113000Z (")
          .contains("fresh outbox from sequence " + (aside.resumedAfter() + 1));
      assertThat(fresh.depth()).isZero();

      Outbox.StoredEvent next = append(fresh, "AFTER-1");
      assertThat(next.sequence()).isEqualTo(aside.resumedAfter() + 1); // never a number the hub already has
      assertThat(EventCodec.decodeReturn(fresh.oldest(1).getFirst().payload()).itemId()).isEqualTo("AFTER-1");
    }
    try (SqliteOutbox reopened = SqliteOutbox.open(file, BOX, clock)) { // sound again: nothing set aside
      assertThat(reopened.setAside()).isEmpty();
      assertThat(reopened.depth()).isEqualTo(1);
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsSetAside() throws Exception {
    Path file = dir.resolve("outbox.db");
    store(file, 5, 0);
    Files.write(file, "this is not SQLite at all, the first page is gone".getBytes(StandardCharsets.US_ASCII),
        StandardOpenOption.WRITE);

    try (SqliteOutbox fresh = SqliteOutbox.open(file, BOX, clock)) {
      assertThat(fresh.setAside().orElseThrow().problem()).contains("not a database");
      assertThat(append(fresh, "AFTER-1").sequence()).isGreaterThan(5);
    }
  }

  @Test
  void theCorruptFileIsKeptWithItsWalExactlyAsFound() throws Exception {
    Path live = dir.resolve("live/outbox.db");
    store(live, 250, 0);
    Path file = dir.resolve("card/outbox.db");
    Files.createDirectories(file.getParent());
    try (SqliteOutbox running = SqliteOutbox.open(live, BOX, clock)) {
      for (int i = 1; i <= 10; i++) {
        append(running, "NEWEST-" + i); // in the WAL only, until a checkpoint
      }
      // The card as a power cut leaves it: the file, its WAL (the newest events) and the mark.
      for (String name : new String[] {"outbox.db", "outbox.db-wal", "outbox.db.sequence"}) {
        Files.copy(live.resolveSibling(name), file.resolveSibling(name));
      }
    }
    byte[] wal = Files.readAllBytes(file.resolveSibling("outbox.db-wal"));
    byte[] corrupt = garbage(file, 2 * 4096, 4 * 4096); // leaf pages the WAL does not hold

    try (SqliteOutbox fresh = SqliteOutbox.open(file, BOX, clock)) {
      SqliteOutbox.SetAside aside = fresh.setAside().orElseThrow();
      assertThat(aside.keptAs()).hasBinaryContent(corrupt);
      assertThat(dir.resolve("card/outbox.db.corrupt-20261203T113000Z-wal")).hasBinaryContent(wal);
      assertThat(aside.resumedAfter()).isGreaterThanOrEqualTo(260);
    }
  }

  @Test
  void aFailureThatIsNotCorruptionMovesNothing() throws Exception {
    Path file = dir.resolve("outbox.db");
    Files.createDirectories(file); // a folder where the file should be: SQLite cannot open it
    assertThatThrownBy(() -> SqliteOutbox.open(file, BOX, clock)).isInstanceOf(OutboxException.class)
        .hasMessageContaining(file.toString());
    assertThat(file).isDirectory();
    try (var listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("corrupt"));
    }
  }

  private void store(Path file, int events, int sent) {
    try (SqliteOutbox outbox = SqliteOutbox.open(file, BOX, clock)) {
      for (int i = 1; i <= events; i++) {
        append(outbox, "ITEM-" + i);
      }
      for (long s = 1; s <= sent; s++) {
        outbox.remove(s);
      }
    }
  }

  private Outbox.StoredEvent append(SqliteOutbox outbox, String item) {
    return outbox.append(Channel.RETURN, h -> EventCodec.encode(new ReturnEvent(h, item, clock.instant(), false)));
  }

  /** Overwrites everything after the first {@code keep} bytes with random bytes, as a worn card returns them. */
  static byte[] garbage(Path file, int keep) throws Exception {
    return garbage(file, keep, (int) Files.size(file) - keep);
  }

  static byte[] garbage(Path file, int from, int length) throws Exception {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] noise = new byte[length];
      new Random(42).nextBytes(noise);
      raf.seek(from);
      raf.write(noise);
    }
    return Files.readAllBytes(file);
  }
}
