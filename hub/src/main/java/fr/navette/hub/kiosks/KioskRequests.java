package fr.navette.hub.kiosks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.hub.events.QuarantineStore;
import fr.navette.hub.events.QuarantineStore.SetAside;
import fr.navette.hub.mqtt.Outbound;
import fr.navette.hub.mqtt.Subscriptions;
import fr.navette.hub.store.Database;
import fr.navette.schema.Channel;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.SchemaException;
import fr.navette.schema.SigbRequest;
import fr.navette.schema.SigbResponse;
import fr.navette.schema.Topic;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kiosks' SIGB requests, answered over MQTT 5 request/response. The hub subscribes to every device's
 * {@code request} channel through a shared subscription (hubs of one share group split the kiosks' load), and
 * answers on the request's Response Topic with its Correlation Data.
 *
 * <p>The session's callback thread only hands a request to a worker pool as large as the SIP2 pool, with a short
 * queue: more workers would only wait for SIP2 sessions. When the queue is full the request is answered
 * {@code sigb-unavailable} at once by a separate thread, rather than late.
 *
 * <p>Requests are never stored: they hold clear barcodes and PINs. Clean start, no session kept: while no hub
 * listens, kiosks get no answer and say so at their deadline. A request that cannot be read is answered
 * {@code invalid-request} when it names a request id and kind, and is set aside in quarantine with its reason
 * but <b>without its bytes</b> — they may hold a PIN; the reason names the field at fault, never its value.
 * A request past its deadline is answered {@code expired} (not dropped silently): a kiosk whose clock is off
 * then learns why every answer fails instead of timing out.
 *
 * <p>Responses go only to the requesting device's own {@code response} topic: a device naming another
 * device's topic is set aside, so that no kiosk can have the hub write to another. The broker lets a device publish
 * only under its own {@code navette/v1/<site>/<id>/}, so the request's topic names the kiosk and its branch: the
 * SIGB is asked for that branch, and a payload claiming another ({@code site} or {@code branch}, which no kiosk
 * sends) is refused {@code invalid-request} and set aside, as is a {@code deviceId} other than the topic's.
 */
public final class KioskRequests implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KioskRequests.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String NOT_KEPT = " (payload not kept: a request may hold a PIN)";

  private final Outbound answers;
  private final KioskDesk desk;
  private final Database db;
  private final QuarantineStore quarantine;
  private final Clock clock;
  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor refusals;

  /**
   * @param answers the session the requests come on (clean start: requests are never queued nor stored)
   * @param workerCount how many requests are answered at once: the SIP2 pool's size
   */
  public KioskRequests(Outbound answers, KioskDesk desk, Database db, QuarantineStore quarantine, int workerCount,
                       Clock clock) {
    this.answers = answers;
    this.desk = desk;
    this.db = db;
    this.quarantine = quarantine;
    this.clock = clock;
    this.workers = new ThreadPoolExecutor(workerCount, workerCount, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(workerCount * 8), named("hub-kiosk-request"));
    this.refusals = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1000),
        named("hub-kiosk-busy"));
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> Thread.ofPlatform().name(prefix + "-" + n.incrementAndGet()).daemon(true).unstarted(r);
  }

  /** The subscription that brings the requests: shared, so that hubs of one share group split the kiosks. */
  public static String filter(String shareGroup) {
    return Subscriptions.shared(shareGroup, Topic.filterForChannel(Channel.REQUEST));
  }

  /**
   * One request, on the session's callback thread: handed to a worker, or answered {@code sigb-unavailable} by
   * another thread when every worker is busy and the queue is full.
   */
  public void received(String topic, byte[] payload, Optional<String> responseTopic, Optional<byte[]> correlation) {
    try {
      workers.execute(() -> handle(topic, payload, responseTopic, correlation));
    } catch (RejectedExecutionException busy) {
      try {
        refusals.execute(() -> answerBusy(topic, payload, responseTopic, correlation));
      } catch (RejectedExecutionException alsoBusy) {
        LOG.warn("kiosk request on {} dropped: the hub is saturated", topic);
      }
    }
  }

  /** One request, on a worker thread. */
  void handle(String topicName, byte[] payload, Optional<String> responseTopic, Optional<byte[]> correlation) {
    Optional<Received> received = receive(topicName, payload, responseTopic, correlation);
    if (received.isEmpty()) {
      return;
    }
    Received r = received.get();
    SigbResponse answer = r.refusal().orElseGet(() -> {
      long start = System.nanoTime();
      SigbResponse a = desk.answer(r.request(), r.topic().site());
      LOG.debug("kiosk {} {} answered in {} ms", r.topic().device(), r.request().requestId(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      return a;
    });
    publish(r, answer);
  }

  /** A request ready to answer, or already refused (invalid, expired); empty when it cannot be answered. */
  private record Received(Topic topic, SigbRequest request, String responseTopic, byte[] correlation,
                          Optional<SigbResponse> refusal) {}

  private Optional<Received> receive(String topicName, byte[] payload, Optional<String> responseTopic,
      Optional<byte[]> correlation) {
    Topic topic;
    try {
      topic = Topic.parse(topicName);
    } catch (SchemaException e) {
      setAside(topicName, e.getMessage());
      return Optional.empty();
    }
    String ownResponseTopic = Topic.of(topic.site(), topic.device(), Channel.RESPONSE).toString();
    if (responseTopic.isEmpty()) {
      setAside(topicName, "no MQTT 5 Response Topic: the hub cannot answer");
      return Optional.empty();
    }
    if (!responseTopic.get().equals(ownResponseTopic)) {
      setAside(topicName, "Response Topic '" + responseTopic.get() + "' is not the device's own " + ownResponseTopic);
      return Optional.empty();
    }
    byte[] correlationData = correlation.orElse(new byte[0]);
    try {
      SigbRequest request = MessageCodec.decodeRequest(payload);
      if (!request.deviceId().equals(topic.device())) {
        throw new SchemaException("deviceId", "'" + request.deviceId() + "' differs from the topic's device '"
            + topic.device() + "'");
      }
      Optional<String> claimed = claimedSite(payload).filter(site -> !site.equals(topic.site()));
      if (claimed.isPresent()) {
        throw new SchemaException("site", "'" + claimed.get() + "' claimed by the request differs from the topic's"
            + " site '" + topic.site() + "': a kiosk asks for its own branch only");
      }
      Optional<SigbResponse> refusal = Optional.empty();
      if (!clock.instant().isBefore(request.deadline())) {
        LOG.info("kiosk {} {} {} arrived after its deadline {}: answered expired", topic.device(),
            request.kind().name().toLowerCase(Locale.ROOT), request.requestId(), request.deadline());
        refusal = Optional.of(KioskDesk.expired(request));
      }
      return Optional.of(new Received(topic, request, ownResponseTopic, correlationData, refusal));
    } catch (SchemaException e) {
      String reason = safeReason(e);
      setAside(topicName, "request: " + reason);
      return peek(payload).map(request -> new Received(topic, request, ownResponseTopic, correlationData,
          Optional.of(KioskDesk.invalid(request, reason))));
    }
  }

  /**
   * A branch the payload names ({@code site} or {@code branch}): the request schema has none, and the hub never
   * uses one, but a payload that claims another branch than its topic's is refused rather than quietly ignored.
   */
  private static Optional<String> claimedSite(byte[] payload) {
    try {
      JsonNode node = JSON.readTree(payload);
      for (String field : List.of("site", "branch")) {
        JsonNode value = node.path(field);
        if (!value.isMissingNode()) {
          String text = value.isTextual() ? value.asText() : value.toString();
          // Shown in the quarantine's reason: cut short, control characters made visible.
          String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
          return Optional.of(shown.replaceAll("\\p{Cntrl}", "?"));
        }
      }
      return Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty(); // decoded a moment ago: cannot happen
    }
  }

  /**
   * Why a request does not decode, without any of its content where content may be a secret: the JSON parser
   * quotes the token it choked on, and the patron and PIN fields are secrets whatever is wrong with them.
   */
  static String safeReason(SchemaException e) {
    return switch (e.field()) {
      case "$" -> "$: not a JSON object";
      case "pin", "patronId" -> e.field() + ": not valid";
      default -> e.getMessage();
    };
  }

  /**
   * The request id and kind of a request that does not decode, to answer it {@code invalid-request}: a stand-in
   * request carrying only those (and a dummy patron and item so that it builds), never the payload's secrets.
   */
  private Optional<SigbRequest> peek(byte[] payload) {
    try {
      JsonNode node = JSON.readTree(payload);
      UUID id = UUID.fromString(node.path("requestId").asText());
      SigbRequest.Kind kind = SigbRequest.Kind.valueOf(
          node.path("kind").asText().toUpperCase(Locale.ROOT).replace('-', '_'));
      Instant now = clock.instant();
      return Optional.of(new SigbRequest(id, "unreadable", kind, Optional.of("-"), Optional.empty(),
          Optional.of("-"), now, now));
    } catch (Exception e) {
      return Optional.empty(); // not even an id and a kind: the kiosk times out, the quarantine says why
    }
  }

  private void setAside(String topic, String reason) {
    LOG.warn("kiosk request on {} set aside: {}", topic, reason);
    try {
      db.inTransaction(c -> {
        quarantine.add(c, List.of(new SetAside(topic, new byte[0], reason + NOT_KEPT)));
        return null;
      });
    } catch (RuntimeException e) {
      LOG.error("cannot record a set-aside kiosk request ({}): {}", reason, e.toString());
    }
  }

  private void publish(Received r, SigbResponse answer) {
    byte[] correlation = r.correlation().length > 0 ? r.correlation() : bytes(answer.requestId());
    try {
      answers.answer(r.responseTopic(), MessageCodec.encode(answer), correlation);
    } catch (RuntimeException e) {
      LOG.warn("kiosk {}: answer to {} not sent: {}", r.topic().device(), answer.requestId(), e.getMessage());
    }
  }

  static byte[] bytes(UUID id) {
    return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
  }

  @Override
  public void close() {
    workers.shutdownNow();
    refusals.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
      refusals.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every worker busy and the queue full: the SIP2 pool cannot serve this one in time either. */
  private void answerBusy(String topicName, byte[] payload, Optional<String> responseTopic,
      Optional<byte[]> correlation) {
    receive(topicName, payload, responseTopic, correlation).ifPresent(r -> {
      LOG.warn("kiosk {} {}: all {} SIGB workers busy, answered sigb-unavailable", r.topic().device(),
          r.request().requestId(), workers.getMaximumPoolSize());
      publish(r, r.refusal().orElseGet(() -> KioskDesk.unavailable(r.request())));
    });
  }
}
