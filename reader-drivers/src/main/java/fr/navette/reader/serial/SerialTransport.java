package fr.navette.reader.serial;

import fr.navette.reader.ReaderException;
import fr.navette.reader.ReaderException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request/reply over a serial line, shared by the protocol drivers: opens the line lazily and
 * again after it was lost (unplugged and plugged back), discards and counts garbled bytes, and
 * ignores stale replies.
 *
 * <p>Retry semantics, decided here: a request is sent again (at most {@value #ATTEMPTS} times in
 * all, within the caller's timeout) when the reply came garbled or the line was lost and could be
 * reopened. Every request the drivers send is idempotent (inventory, read, write of the same
 * bytes, AFI, EAS), so a repeat cannot do harm. A silent reader is not retried: that is a timeout.
 */
public final class SerialTransport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SerialTransport.class);
  static final int ATTEMPTS = 3;
  /**
   * Quiet time that ends a frame: bytes of one frame are at most 12 ms apart (FEIG); after this,
   * held bytes are noise, and garbage followed by this much silence means the reply was garbled.
   */
  private static final Duration GAP = Duration.ofMillis(40);

  private final SerialPorts ports;
  private final SerialConfig config;
  private final FrameBuffer buffer;
  private final byte[] chunk = new byte[512];
  private SerialLink link;
  private boolean lost;
  private long reconnects;
  private long staleFrames;

  public SerialTransport(SerialPorts ports, SerialConfig config, FrameCodec codec) {
    this.ports = ports;
    this.config = config;
    this.buffer = new FrameBuffer(codec);
  }

  public SerialConfig config() {
    return config;
  }

  /**
   * Sends {@code request} and returns the first good frame {@code isReply} accepts.
   *
   * @throws ReaderException TIMEOUT (no good reply in time), DISCONNECTED (line gone and cannot be reopened)
   */
  public synchronized byte[] exchange(byte[] request, Predicate<byte[]> isReply, Duration timeout) throws ReaderException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ReaderException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (attempt > 1 && System.nanoTime() >= deadline) {
        break;
      }
      try {
        SerialLink l = ensureOpen();
        l.discardInput();
        buffer.reset();
        l.write(request);
        Optional<byte[]> reply = awaitReply(l, isReply, deadline);
        if (reply.isPresent()) {
          return reply.get();
        }
        last = new ReaderException(Kind.PROTOCOL, "garbled reply from the reader on " + config.port() + " (" + buffer.garbledFrames() + " garbled frames so far)");
      } catch (IOException e) {
        lose(e);
        last = new ReaderException(Kind.DISCONNECTED, "reader on " + config.port() + " lost: " + e.getMessage(), e);
      }
    }
    throw last != null ? last : timeout(timeout);
  }

  /** Empty when garbage came and then silence: the caller sends again. */
  private Optional<byte[]> awaitReply(SerialLink l, Predicate<byte[]> isReply, long deadline) throws IOException, ReaderException {
    long garbledBefore = buffer.garbledFrames();
    while (true) {
      Optional<byte[]> f;
      while ((f = buffer.next()).isPresent()) {
        if (isReply.test(f.get())) {
          return f;
        }
        staleFrames++;
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        buffer.clear();
        throw timeout(null);
      }
      boolean garbageSeen = buffer.garbledFrames() > garbledBefore;
      boolean partial = buffer.pending() > 0;
      Duration wait = Duration.ofNanos(garbageSeen || partial ? Math.min(remaining, GAP.toNanos()) : remaining);
      int n = l.read(chunk, wait);
      if (n == 0 && partial) {
        buffer.resync(); // bytes of a frame are never that far apart: what is held is not a frame start
        continue;
      }
      if (n == 0 && garbageSeen) {
        return Optional.empty();
      }
      buffer.append(chunk, n);
    }
  }

  private ReaderException timeout(Duration t) {
    return new ReaderException(Kind.TIMEOUT, "no reply from the reader on " + config.port() + (t == null ? "" : " within " + t.toMillis() + " ms"));
  }

  private SerialLink ensureOpen() throws ReaderException {
    if (link == null) {
      try {
        link = ports.open(config);
      } catch (IOException | RuntimeException e) {
        throw new ReaderException(Kind.DISCONNECTED, "cannot open the reader's serial line " + config + ": " + e.getMessage(), e);
      }
      if (lost) {
        reconnects++;
        lost = false;
        LOG.info("reader on {} reconnected (reconnect #{})", config.port(), reconnects);
      } else {
        LOG.info("reader on {} opened ({})", config.port(), config);
      }
    }
    return link;
  }

  private void lose(IOException e) {
    LOG.warn("reader on {} lost ({}); will reopen", config.port(), e.getMessage());
    if (link != null) {
      link.close();
      link = null;
    }
    lost = true;
  }

  /** Garbled frames (runs of bytes that made no good frame) discarded so far. */
  public synchronized long garbledFrames() {
    return buffer.garbledFrames();
  }

  /** Times the line was reopened after being lost. */
  public synchronized long reconnects() {
    return reconnects;
  }

  /** Good frames that answered something else (late replies to an earlier request). */
  public synchronized long staleFrames() {
    return staleFrames;
  }

  @Override
  public synchronized void close() {
    if (link != null) {
      link.close();
      link = null;
    }
  }
}
