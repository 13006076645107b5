package fr.navette.hub.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.webserver.http.HttpRouting;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A hub whose console port is taken says so and does not start (Helidon alone carried on with port -1). */
class HubWebPortTakenTest {
  @Test
  void aTakenPortIsRefusedByName() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> HubWeb.start("127.0.0.1", port, HttpRouting.builder()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("127.0.0.1:" + port)
          .hasMessageContaining("port is taken");
    }
  }
}
