package fr.navette.sim.sigb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.sip2.codec.Checksum;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator as a client with a raw socket sees it: bytes in, bytes out. */
class SimulatorWireTest {
  private SigbSimulator sim;

  private SigbSimulator start(SigbSimulatorConfig.Builder b) {
    sim = SigbSimulator.start(b.size(new SigbSimulatorConfig.NetworkSize(3, 200, 50)).user("u").password("p").build());
    return sim;
  }

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  /** One line of reply, terminator included, or what came before the connection closed. */
  private static String readReply(InputStream in) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      got.write(b);
      if (b == '\n' || (b == '\r' && in.available() == 0)) {
        break;
      }
    }
    return got.toString(UTF_8);
  }

  private static String send(Socket s, String frame) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(frame.getBytes(UTF_8));
    out.flush();
    return readReply(s.getInputStream());
  }

  private static String withChecksum(String body) {
    byte[] b = body.getBytes(UTF_8);
    return body + Checksum.toHex(Checksum.compute(b, 0, b.length));
  }

  @Test
  void requestsEndingInCrCrlfOrLfAreAllAnswered() throws Exception {
    start(SigbSimulatorConfig.builder().terminator(fr.navette.sip2.codec.Terminator.CRLF));
    try (Socket s = new Socket("127.0.0.1", sim.port())) {
      s.setSoTimeout(5000);
      assertThat(send(s, "9300CNu|COp|CPBR01|\r")).isEqualTo("941\r\n");
      assertThat(send(s, "9900802.00\n")).startsWith("98").endsWith("\r\n");
      assertThat(send(s, "9900802.00\r\n")).startsWith("98");
    }
  }

  /** A SIGB down (the chaos run's fault) drops its sessions and closes new ones unanswered; back up, it serves. */
  @Test
  void aSigbDownDropsItsSessionsAndAnswersNobodyUntilItIsUpAgain() throws Exception {
    start(SigbSimulatorConfig.builder());
    try (Socket s = new Socket("127.0.0.1", sim.port())) {
      s.setSoTimeout(5000);
      assertThat(send(s, "9300CNu|COp|\r")).isEqualTo("941\r");
      sim.down();
      assertThat(sim.isDown()).isTrue();
      assertThat(readReply(s.getInputStream())).as("the session dropped").isEmpty();
    }
    try (Socket s = new Socket("127.0.0.1", sim.port())) {
      s.setSoTimeout(5000);
      assertThat(send(s, "9300CNu|COp|\r")).as("a new connection, closed unanswered").isEmpty();
    }
    sim.up();
    try (Socket s = new Socket("127.0.0.1", sim.port())) {
      s.setSoTimeout(5000);
      assertThat(send(s, "9300CNu|COp|\r")).isEqualTo("941\r");
    }
  }

  @Test
  void aWrongLoginIsRefusedAndNothingElseIsServedBeforeLogin() throws Exception {
    start(SigbSimulatorConfig.builder());
    try (Socket s = new Socket("127.0.0.1", sim.port())) {
      s.setSoTimeout(5000);
      assertThat(send(s, "9300CNu|COwrong|\r")).isEqualTo("940\r");
      assertThat(send(s, "9900802.00\r")).startsWith("98"); // status is allowed before login
      assertThat(send(s, "1720260115    101500AORESEAU|AB3000000001|\r")).isEmpty(); // closed
    }
  }

  @Test
  void badChecksumsAreAnswered96AndA97GetsTheLastReplyAgain() throws Exception {
    start(SigbSimulatorConfig.builder().errorDetection(true));
    try (Socket s = new Socket("127.0.0.1", sim.port())) {
      s.setSoTimeout(5000);
      String login = send(s, withChecksum("9300CNu|COp|AY1AZ") + "\r");
      assertThat(login).startsWith("941AY1AZ");
      assertThat(send(s, "9300CNu|COp|AY2AZ0000\r")).startsWith("96");
      assertThat(send(s, withChecksum("97AY3AZ") + "\r")).startsWith("96"); // the last reply was that 96
      String status = send(s, withChecksum("9900802.00AY4AZ") + "\r");
      assertThat(status).startsWith("98").contains("AY4AZ");
      assertThat(send(s, withChecksum("97AY5AZ") + "\r")).isEqualTo(status);
      assertThat(sim.resendsAsked()).isEqualTo(1);
      assertThat(sim.resendsServed()).isEqualTo(2);
    }
  }

  @Test
  void garbageIsAnswered96() throws Exception {
    start(SigbSimulatorConfig.builder());
    try (Socket s = new Socket("127.0.0.1", sim.port())) {
      s.setSoTimeout(5000);
      assertThat(send(s, "\u00ff\u00fe nonsense\r")).startsWith("96");
      assertThat(send(s, "9300CNu|COp|\r")).isEqualTo("941\r");
    }
  }

  @Test
  void anIdleConnectionIsDroppedWithoutAWord() throws Exception {
    start(SigbSimulatorConfig.builder().idleTimeout(Duration.ofMillis(200)));
    try (Socket s = new Socket("127.0.0.1", sim.port())) {
      s.setSoTimeout(5000);
      assertThat(send(s, "9300CNu|COp|\r")).isEqualTo("941\r");
      assertThat(s.getInputStream().read()).isEqualTo(-1); // end of stream, no message
      assertThat(sim.idleDrops()).isEqualTo(1);
    }
  }

  @Test
  void aFixedPortIsReusableRightAfterClose() throws Exception {
    start(SigbSimulatorConfig.builder());
    int port = sim.port();
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      send(s, "9300CNu|COp|\r");
      sim.close();
      sim = start(SigbSimulatorConfig.builder().port(port));
      assertThat(sim.port()).isEqualTo(port);
    }
  }
}
