package fr.navette.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.Patron;
import fr.navette.tag.SecurityPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated patrons at a self-check kiosk, through the same path as a person at its screen: the kiosk page's own
 * API ({@code POST /api/login} with card and PIN, {@code POST /api/borrow}, {@code POST /api/logout}) — so the
 * kiosk agent asks the hub over MQTT, which asks the SIGB over SIP2, and disarms the tags it lends. Only the
 * documents laid on the pad are simulated: real ISO 28560 tags, armed, in the reader's field.
 */
public final class KioskVisits {
  private static final Logger LOG = LoggerFactory.getLogger(KioskVisits.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PAD_WITHIN = Duration.ofSeconds(5);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicLong nextUid = new AtomicLong(0xE004030000000000L);
  private final AtomicLong sessions = new AtomicLong();
  private final AtomicLong refusedLogins = new AtomicLong();
  private final AtomicLong lent = new AtomicLong();
  private final AtomicLong notLent = new AtomicLong();

  /** What one visit did. */
  public record Visit(boolean loggedIn, int lent, int notLent) {}

  /**
   * A patron logs in at {@code kiosk}, lays {@code documents} on the pad, borrows them and leaves. The caller makes
   * sure one patron at a time stands at a kiosk (a kiosk has one session).
   */
  public Visit visit(DemoKiosks.DemoKiosk kiosk, Patron patron, List<Item> documents)
      throws IOException, InterruptedException {
    String base = kiosk.url() + "api/";
    ObjectNode credentials = JSON.createObjectNode().put("card", patron.id()).put("pin", patron.pin());
    HttpResponse<String> login = http.send(post(base + "login", credentials.toString(), Optional.empty()),
        HttpResponse.BodyHandlers.ofString());
    JsonNode answer = JSON.readTree(login.body());
    Optional<String> cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> !c.contains("Max-Age=0"))
        .map(c -> c.substring(0, c.indexOf(';'))).findFirst();
    if (login.statusCode() != 200 || !answer.path("ok").asBoolean() || cookie.isEmpty()) {
      refusedLogins.incrementAndGet();
      LOG.debug("kiosk {}: login refused ({})", kiosk.branch().code(), answer.path("message").asText(""));
      return new Visit(false, 0, 0);
    }
    sessions.incrementAndGet();
    List<SimulatedTag> tags = new ArrayList<>();
    try {
      for (Item item : documents) {
        SimulatedTag tag = DemoKiosks.tag(nextUid.incrementAndGet(), item, 1, 1, SecurityPolicy.ISO_ARMED_AFI);
        tags.add(tag);
        kiosk.pad().field().put(tag);
      }
      awaitPad(base, cookie.get(), documents.size());
      HttpResponse<String> borrow = http.send(post(base + "borrow", "{}", cookie), HttpResponse.BodyHandlers.ofString());
      int ok = 0;
      int refused = 0;
      for (JsonNode outcome : JSON.readTree(borrow.body()).path("outcomes")) {
        if (outcome.path("status").asText().equals("lent") || outcome.path("status").asText().equals("renewed")) {
          ok++;
        } else {
          refused++;
        }
      }
      lent.addAndGet(ok);
      notLent.addAndGet(refused);
      return new Visit(true, ok, refused);
    } finally {
      for (SimulatedTag tag : tags) {
        kiosk.pad().field().remove(tag.uid());
      }
      http.send(post(base + "logout", "{}", cookie), HttpResponse.BodyHandlers.discarding());
    }
  }

  // The kiosk reads its pad in a loop: the documents show in its state once read.
  private void awaitPad(String base, String cookie, int count) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + PAD_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> state = http.send(HttpRequest.newBuilder(URI.create(base + "state"))
          .header("Cookie", cookie).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (JSON.readTree(state.body()).path("pad").size() >= count) {
        return;
      }
      Thread.sleep(50); // a patron waits for the screen to list what lies on the pad
    }
  }

  private static HttpRequest post(String uri, String body, Optional<String> cookie) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    cookie.ifPresent(c -> b.header("Cookie", c));
    return b.build();
  }

  public long sessions() {
    return sessions.get();
  }

  public long refusedLogins() {
    return refusedLogins.get();
  }

  public long lent() {
    return lent.get();
  }

  public long notLent() {
    return notLent.get();
  }
}
