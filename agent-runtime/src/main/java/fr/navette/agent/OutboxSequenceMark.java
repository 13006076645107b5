package fr.navette.agent;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small file beside the outbox ({@code outbox.db.sequence}) holding a sequence number no stored event has passed:
 * the outbox writes it ahead, {@link #BLOCK} numbers at a time, before it uses them. When the outbox file is lost
 * to corruption, the fresh one resumes above this mark, so the hub never sees a sequence number twice from one
 * device (it would hide the loss from its gap detector) and sees the events lost as one hole instead.
 *
 * <p>Cost: one small durable write per {@code BLOCK} appends (each append already pays an fsync); the hole after
 * a loss may be up to {@code BLOCK - 1} numbers wider than the events really lost.
 */
final class OutboxSequenceMark {
  static final long BLOCK = 100;
  private static final Logger LOG = LoggerFactory.getLogger(OutboxSequenceMark.class);
  private final Path file;
  private long reservedThrough;
  private boolean warned;

  private OutboxSequenceMark(Path file, long reservedThrough) {
    this.file = file;
    this.reservedThrough = reservedThrough;
  }

  /** The mark beside {@code outbox}, as last written (empty when missing or unreadable). */
  static OptionalLong read(Path outbox) {
    Path file = of(outbox);
    try {
      return OptionalLong.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()));
    } catch (IOException | NumberFormatException e) {
      if (Files.exists(file)) {
        LOG.warn("outbox sequence mark {} unreadable: {}", file, e.toString());
      }
      return OptionalLong.empty();
    }
  }

  /** Opens the mark for an outbox whose last sequence is {@code lastSequence}, writing it ahead if behind. */
  static OutboxSequenceMark open(Path outbox, long lastSequence) {
    OutboxSequenceMark mark = new OutboxSequenceMark(of(outbox), read(outbox).orElse(0));
    mark.cover(lastSequence); // an outbox of before the mark: written now; otherwise it is already ahead
    return mark;
  }

  /** Makes sure {@code sequence} is under the mark on disk before it is used. */
  void cover(long sequence) {
    if (sequence <= reservedThrough) {
      return;
    }
    long next = sequence + BLOCK - 1;
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        channel.write(java.nio.ByteBuffer.wrap((next + "\n").getBytes(StandardCharsets.US_ASCII)));
        channel.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
        dir.force(true); // the rename itself must survive a power cut
      }
      reservedThrough = next;
      warned = false;
    } catch (IOException e) {
      // The event matters more than the mark: it is stored anyway; only a later loss would resume lower.
      // Tried again at the next append; told once until it works again.
      if (!warned) {
        LOG.warn("outbox sequence mark {} not written ahead of {}: {}", file, sequence, e.toString());
        warned = true;
      }
    }
  }

  static Path of(Path outbox) {
    return outbox.resolveSibling(outbox.getFileName() + ".sequence");
  }
}
