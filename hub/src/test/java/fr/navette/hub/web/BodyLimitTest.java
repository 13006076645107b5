package fr.navette.hub.web;

import static fr.navette.hub.web.HubApiTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.HubFixture;
import fr.navette.hub.web.ApiClient.Answer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No request body past {@link HubWeb#MAX_BODY_BYTES} is read: a declared length past it is refused before a byte
 * of the body is read, a chunked body as soon as it passes the limit — 413 with a JSON message, the connection
 * closed. A 200 MB POST once cost the hub 600 MB of heap.
 */
class BodyLimitTest {
  private static final String STAFF = "staff-token-0123456789abcdef";
  private static final long TWO_HUNDRED_MB = 200L * 1024 * 1024;
  @TempDir static Path dir;
  private static HubFixture hub;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    hub = HubFixture.onSmallSigb(dir, c -> c.withStaffAccess(StaffAccess.parse("staff:" + STAFF)), Clock.systemUTC());
    api = new ApiClient(hub.hub.httpPort(), STAFF);
  }

  @AfterAll
  static void stop() throws Exception {
    hub.close();
  }

  @Test
  void aBodyJustUnderTheLimitIsRead() throws Exception {
    String head = "{\"branch\":\"BR01\",\"crate\":\"NO-SUCH-CRATE\",\"note\":\"";
    String body = head + "x".repeat(HubWeb.MAX_BODY_BYTES - head.length() - 2) + "\"}";
    assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(HubWeb.MAX_BODY_BYTES);
    Answer answer = api.post("/api/arrivals", STAFF, body);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().get("arrived").asInt()).isZero();
    // One byte more is refused. Declared and not sent: a client still writing a body the server refuses meets
    // the closed connection and may never read the 413 (seen once in a full run).
    try (Socket socket = api.socket()) {
      ApiClient.write(socket.getOutputStream(), "POST /api/arrivals HTTP/1.1\r\nHost: hub\r\n"
          + "Content-Type: application/json\r\nAuthorization: Bearer " + STAFF + "\r\nContent-Length: "
          + (HubWeb.MAX_BODY_BYTES + 1) + "\r\n\r\n" + head);
      assertRefused(ApiClient.read(socket.getInputStream()), 413, "1 Mio");
    }
  }

  @Test
  void aDeclaredLengthPastTheLimitIsRefusedBeforeTheBodyIsRead() throws Exception {
    for (String token : new String[] {STAFF, null}) { // the size is checked before anything else
      try (Socket socket = api.socket()) {
        long start = System.nanoTime();
        OutputStream out = socket.getOutputStream();
        ApiClient.write(out, "POST /api/arrivals HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
            + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
            + "Content-Length: " + TWO_HUNDRED_MB + "\r\n\r\n{\"branch\":\"BR01\",\"crate\":\"");
        out.write(new byte[1024]);
        out.flush();

        Answer answer = ApiClient.read(socket.getInputStream());

        assertRefused(answer, 413, "1 Mio");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(socket.getInputStream().read()).as("the connection is closed").isEqualTo(-1);
      }
    }
  }

  @Test
  void aChunkedBodyIsRefusedOnceItPassesTheLimitWithoutReadingTheRest() throws Exception {
    try (Socket socket = api.socket()) {
      OutputStream out = socket.getOutputStream();
      ApiClient.write(out, "POST /api/arrivals HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
          + "Authorization: Bearer " + STAFF + "\r\nTransfer-Encoding: chunked\r\n\r\n");
      AtomicLong written = new AtomicLong();
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        String size = Integer.toHexString(chunk.length) + "\r\n";
        try {
          while (written.get() < TWO_HUNDRED_MB) {
            ApiClient.write(out, size);
            out.write(chunk);
            ApiClient.write(out, "\r\n");
            written.addAndGet(chunk.length);
          }
        } catch (IOException closedByTheHub) {
          // expected: the hub answered and closed the connection
        }
      });

      Answer answer = ApiClient.read(socket.getInputStream());

      assertRefused(answer, 413, "1 Mio");
      assertThat(socket.getInputStream().read()).as("the connection is closed").isEqualTo(-1);
      writer.get(30, TimeUnit.SECONDS);
      assertThat(written.get()).as("bytes sent before the hub closed").isLessThan(TWO_HUNDRED_MB / 4);
    }
  }

  @Test
  void aRequestTheServerCannotFrameIsAnsweredWithJson() throws Exception {
    try (Socket socket = api.socket()) {
      ApiClient.write(socket.getOutputStream(), "POST /api/arrivals HTTP/1.1\r\nHost: hub\r\n"
          + "Content-Length: lots\r\n\r\n");
      Answer answer = ApiClient.read(socket.getInputStream());
      assertThat(answer.status()).isEqualTo(400);
      answer.error();
    }
  }
}
