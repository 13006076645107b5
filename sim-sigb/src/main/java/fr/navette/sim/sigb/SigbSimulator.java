package fr.navette.sim.sigb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIGB that speaks SIP2 over TCP, backed by a seeded {@link SimulatedNetwork}. Each connection
 * gets its own virtual thread; the network's state is shared and thread-safe. The demo, the tests
 * and the benchmarks all use this same server.
 *
 * <pre>{@code
 * try (SigbSimulator sigb = SigbSimulator.start(SigbSimulatorConfig.builder().seed(7).build())) {
 *   int port = sigb.port();
 *   Item item = sigb.network().items().get(0);
 * }
 * }</pre>
 */
public final class SigbSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SigbSimulator.class);

  private final SigbSimulatorConfig config;
  private final SimulatedNetwork network;
  private final SigbService service;
  private final ServerSocket server;
  private final Thread acceptor;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final SimCounters counters = new SimCounters();
  private volatile boolean closed;
  /** Down for maintenance or a crash: new connections are closed at once, nothing is answered. */
  private volatile boolean down;

  private SigbSimulator(SigbSimulatorConfig config, ServerSocket server) {
    this.config = config;
    this.network = new SimulatedNetwork(
        new NetworkGenerator(config.seed(), config.size(), config.clock().instant()).generate());
    this.service = new SigbService(network, config);
    this.server = server;
    this.acceptor = Thread.ofPlatform().name("sigb-sim-accept-" + server.getLocalPort()).daemon()
        .unstarted(this::acceptLoop);
  }

  /**
   * Generates the network and listens. A fixed port can be reused right after {@link #close()}
   * (SO_REUSEADDR), so a test or the demo may restart on the same port.
   *
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static SigbSimulator start(SigbSimulatorConfig config) {
    ServerSocket server = null;
    try {
      server = config.tls().isPresent() ? ServerTlsSockets.create(config.tls().get()) : new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(config.port()), 128);
    } catch (IOException e) {
      closeQuietly(server);
      throw new UncheckedIOException("SIGB simulator: cannot listen on port " + config.port(), e);
    }
    SigbSimulator sim = new SigbSimulator(config, server);
    sim.acceptor.start();
    LOG.info("SIGB simulator listening on port {} ({})", sim.port(), config);
    return sim;
  }

  public int port() {
    return server.getLocalPort();
  }

  public SimulatedNetwork network() {
    return network;
  }

  public SigbSimulatorConfig config() {
    return config;
  }

  /** Frames received since start, over all connections (what the fault frequencies count). */
  public long requestsReceived() {
    return counters.requests.get();
  }

  /** 97s answered with the last reply again. */
  public long resendsServed() {
    return counters.resendsServed.sum();
  }

  /** 96s sent because a request was unreadable or failed its checksum (injected 96s not counted). */
  public long resendsAsked() {
    return counters.resendsAsked.sum();
  }

  /** Connections dropped silently after the idle timeout. */
  public long idleDrops() {
    return counters.idleDrops.sum();
  }

  /** Open client connections now; for tests of reconnection. */
  public int connectionCount() {
    return connections.size();
  }

  /** Drops every open connection without a word, as a SIGB restarting or a firewall would. */
  public void dropConnections() {
    for (Socket s : connections) {
      closeQuietly(s);
    }
  }

  /**
   * The SIGB goes down as a crash or a maintenance would take it: every session is dropped without a word and
   * connections are closed as soon as they are made, until {@link #up()}. The network's state is kept, as a real
   * SIGB's database would be.
   */
  public void down() {
    down = true;
    dropConnections();
  }

  /** The SIGB serves again after {@link #down()}. */
  public void up() {
    down = false;
  }

  /** Whether {@link #down()} is in force. */
  public boolean isDown() {
    return down;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = server.accept();
        if (closed) {
          closeQuietly(s);
          break;
        }
        if (down) {
          closeQuietly(s);
          continue;
        }
        connections.add(s);
        Thread.ofVirtual().name("sigb-sim-session-" + s.getPort()).start(() -> {
          try {
            new SimSession(s, config, service, counters).run();
          } finally {
            connections.remove(s);
            closeQuietly(s);
          }
        });
      } catch (SocketException e) {
        if (!closed) {
          LOG.warn("SIGB simulator: accept failed", e);
        }
      } catch (IOException e) {
        LOG.warn("SIGB simulator: accept failed", e);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    dropConnections();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("SIGB simulator on port {} stopped", server.getLocalPort());
  }

  static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // closing on the way out: nothing useful to do with a failure
    }
  }
}
