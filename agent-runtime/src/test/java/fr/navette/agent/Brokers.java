package fr.navette.agent;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.navette.broker.EmbeddedBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;

/**
 * The brokers the runtime is tested against: the hub's embedded HiveMQ, started per test, and the machine's
 * Mosquitto on 127.0.0.1:1883, used when something listens there (skipped with a message otherwise).
 */
enum Brokers {
  EMBEDDED, MOSQUITTO;

  static final String MOSQUITTO_URI = "tcp://127.0.0.1:1883";

  /** A running broker for one test; close it at the end (closing Mosquitto's handle leaves Mosquitto running). */
  Running start(Path dir) {
    if (this == MOSQUITTO) {
      assumeTrue(listening("127.0.0.1", 1883),
          "no Mosquitto listens on 127.0.0.1:1883: start it (apt install mosquitto) to run this test against it");
      return new Running(MOSQUITTO_URI, null);
    }
    EmbeddedBroker broker = EmbeddedBroker.startOpen(dir.resolve("broker"), "127.0.0.1", 0);
    return new Running(broker.uri(), broker);
  }

  static boolean listening(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  record Running(String uri, EmbeddedBroker embedded) implements AutoCloseable {
    @Override
    public void close() {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
