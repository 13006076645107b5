package fr.navette.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports on the loopback for servers that tests, benchmarks and the chaos run stop and start again (a broker, a hub,
 * a SIGB taken down).
 */
public final class LoopbackPorts {
  private static final int FROM = 20_000;
  /** Linux's ephemeral range starts at 32768 ({@code net.ipv4.ip_local_port_range}). */
  private static final int BELOW = 32_000;

  private LoopbackPorts() {}

  /**
   * A free port below Linux's ephemeral range. While nothing listens on a port of that range, a client's connect
   * to it (a device reconnecting to a hub that is down, a hub to its SIGB) can be given that very port as its own
   * source port: a TCP self-connect that then holds it, and the server cannot listen there again (FOOTGUNS). Starts
   * at a random place so that builds side by side rarely probe the same ports.
   *
   * @throws UncheckedIOException when every port from 20000 to 32000 is taken
   */
  public static int belowEphemeralRange() {
    int start = FROM + ThreadLocalRandom.current().nextInt(5_000);
    for (int port = start; port < BELOW; port++) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.setReuseAddress(true);
        probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return port;
      } catch (IOException taken) {
        // the next one
      }
    }
    throw new UncheckedIOException(new IOException("no free port between " + start + " and " + BELOW));
  }
}
