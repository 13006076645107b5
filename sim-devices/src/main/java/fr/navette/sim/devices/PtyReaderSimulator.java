package fr.navette.sim.devices;

import fr.navette.reader.serial.FrameBuffer;
import fr.navette.reader.serial.SerialConfig;
import fr.navette.reader.serial.SerialLink;
import fr.navette.reader.serial.SerialPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A library RFID reader on a pty, speaking the FEIG ISO-Host or the 3M protocol over a
 * {@link VirtualField}. The real drivers open {@link #devicePath()} as they would /dev/ttyACM0.
 * {@link #unplug()} and {@link #replug()} pull the cable and plug it back (the pty goes away and
 * comes back under the same name); {@link #faults()} turns on what real readers do wrong.
 */
public final class PtyReaderSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PtyReaderSimulator.class);

  /** The wire protocols the simulator speaks. */
  public enum Protocol {
    FEIG,
    THREE_M;

    public static Protocol parse(String s) {
      return switch (s.toLowerCase(java.util.Locale.ROOT)) {
        case "feig" -> FEIG;
        case "3m", "threem" -> THREE_M;
        default -> throw new IllegalArgumentException("unknown reader protocol '" + s + "' (feig or 3m)");
      };
    }

    /** The serial settings the real reader uses (ptys ignore them, but the drivers set them). */
    public SerialConfig serialConfig(String port) {
      return this == FEIG ? SerialConfig.feig(port) : SerialConfig.threeM(port);
    }
  }

  private final Protocol protocol;
  private final VirtualField field;
  private final ReaderFaults faults = new ReaderFaults();
  private final Responder responder;
  private final Path devicePath;
  private final Path simPath;
  private final Object lock = new Object();
  private final Thread loop;
  private Socat socat;
  private SerialLink link;
  private volatile boolean running = true;
  private volatile long requestsServed;

  private PtyReaderSimulator(Protocol protocol, VirtualField field, Path dir, boolean reverseFeigBlocks) throws IOException {
    this.protocol = protocol;
    this.field = field;
    FieldOperations ops = new FieldOperations(field, faults);
    this.responder = protocol == Protocol.FEIG ? new FeigResponder(ops, reverseFeigBlocks) : new ThreeMResponder(ops);
    Files.createDirectories(dir);
    this.devicePath = dir.resolve("reader-" + protocol.name().toLowerCase(java.util.Locale.ROOT));
    this.simPath = dir.resolve(".sim-side-" + protocol.name().toLowerCase(java.util.Locale.ROOT));
    plugIn();
    this.loop = Thread.ofPlatform().daemon().name("reader-sim-" + protocol.name().toLowerCase(java.util.Locale.ROOT)).start(this::serve);
  }

  /** Starts a simulator whose pty appears in {@code dir} (see {@link #devicePath()}). */
  public static PtyReaderSimulator start(Protocol protocol, VirtualField field, Path dir) throws IOException {
    return new PtyReaderSimulator(protocol, field, dir, false);
  }

  /**
   * A FEIG reader that sends and takes each block's bytes reversed, as Biblio-RFID found the CPR-M02
   * does: a driver must be configured to match (FeigReader's {@code reverseBlocks}).
   */
  public static PtyReaderSimulator startFeigReversingBlocks(VirtualField field, Path dir) throws IOException {
    return new PtyReaderSimulator(Protocol.FEIG, field, dir, true);
  }

  /** The path a driver opens (a symlink to /dev/pts/N, stable across unplug/replug). */
  public Path devicePath() {
    return devicePath;
  }

  public Protocol protocol() {
    return protocol;
  }

  public VirtualField field() {
    return field;
  }

  public ReaderFaults faults() {
    return faults;
  }

  public long requestsServed() {
    return requestsServed;
  }

  /** Pulls the USB cable: the pty disappears; the driver sees its line die. */
  public void unplug() {
    synchronized (lock) {
      closeLine();
      LOG.info("simulated {} reader unplugged", protocol);
    }
  }

  /** Plugs the cable back: the same path appears again (on a new pty). */
  public void replug() throws IOException {
    synchronized (lock) {
      if (socat == null) {
        plugIn();
        lock.notifyAll();
        LOG.info("simulated {} reader plugged back at {}", protocol, devicePath);
      }
    }
  }

  private void plugIn() throws IOException {
    socat = Socat.start(devicePath, simPath);
    try {
      link = SerialPorts.jSerialComm().open(protocol.serialConfig(simPath.toString()));
    } catch (IOException e) {
      socat.close();
      socat = null;
      throw e;
    }
  }

  private void closeLine() {
    if (link != null) {
      link.close();
      link = null;
    }
    if (socat != null) {
      socat.close();
      socat = null;
    }
  }

  private void serve() {
    FrameBuffer buffer = new FrameBuffer(responder.codec());
    byte[] chunk = new byte[1024];
    while (running) {
      SerialLink l;
      synchronized (lock) {
        while (running && link == null) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        l = link;
      }
      if (l == null) {
        return;
      }
      try {
        int n = l.read(chunk, Duration.ofMillis(100));
        buffer.append(chunk, n);
        Optional<byte[]> request;
        while ((request = buffer.next()).isPresent()) {
          answer(l, request.get());
        }
      } catch (IOException | RuntimeException e) {
        synchronized (lock) {
          if (running && link == l) {
            LOG.warn("simulated {} reader: line failed ({}); unplugging", protocol, e.toString());
            closeLine();
          }
        }
        buffer.reset();
      }
    }
  }

  private void answer(SerialLink l, byte[] request) throws IOException {
    requestsServed++;
    if (faults.mute()) {
      return;
    }
    Optional<byte[]> reply = responder.respond(request);
    if (reply.isEmpty()) {
      return;
    }
    byte[] out = reply.get();
    if (faults.takeGarble()) {
      out = out.clone();
      out[out.length / 2] ^= 0x5A;
    }
    l.write(out);
  }

  @Override
  public void close() {
    running = false;
    synchronized (lock) {
      closeLine();
      lock.notifyAll();
    }
    try {
      loop.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
