package fr.navette.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for brokers that tests stop and start again. Chosen below Linux's ephemeral range (32768+): while
 * nothing listens on a port in that range, a client's reconnect attempt can be given it as its own source
 * port (a TCP self-connect) and hold it, and the broker then cannot bind it again.
 */
final class TestPorts {
  private TestPorts() {}

  static int freePortOutsideEphemeralRange() throws IOException {
    for (int port = 20_000 + ThreadLocalRandom.current().nextInt(5_000); port < 32_000; port++) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.setReuseAddress(true);
        probe.bind(new InetSocketAddress("127.0.0.1", port));
        return port;
      } catch (IOException taken) {
        // try the next one
      }
    }
    throw new IOException("no free port between 20000 and 32000");
  }
}
