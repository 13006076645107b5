package fr.navette.agent;

import fr.navette.mqtt.Correlation;
import fr.navette.schema.Channel;
import fr.navette.schema.MessageCodec;
import fr.navette.schema.SchemaException;
import fr.navette.schema.SigbRequest;
import fr.navette.schema.SigbResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kiosk's SIGB questions over MQTT 5 request/response: the request goes QoS 1 on the device's
 * {@code request} topic with the device's {@code response} topic as Response Topic and the request id's 16
 * bytes as Correlation Data; the hub answers there with the same correlation data. The caller waits until the
 * request's deadline and no longer. Requests are never stored: a PIN is never written anywhere, and an answer
 * that comes too late is dropped (logged by request id only).
 */
public final class RequestClient {
  private static final Logger LOG = LoggerFactory.getLogger(RequestClient.class);
  private final DeviceSession session;
  private final Clock clock;
  private final Map<UUID, CompletableFuture<SigbResponse>> pending = new ConcurrentHashMap<>();

  /** Registers the response handler: build it before {@link DeviceSession#connect()}. */
  public RequestClient(DeviceSession session, Clock clock) {
    this.session = session;
    this.clock = clock;
    session.onMessage(Channel.RESPONSE, this::onResponse);
  }

  /**
   * Asks and waits until {@code request.deadline()}.
   *
   * @throws RequestTimeoutException when the hub is out of reach or did not answer in time; its message names
   *     the request kind, id and deadline
   */
  public SigbResponse ask(SigbRequest request) throws RequestTimeoutException {
    PendingAnswer answer = expect(request.requestId());
    try {
      session.publishRequest(Channel.REQUEST, MessageCodec.encode(request), Channel.RESPONSE,
          Correlation.of(request.requestId()));
    } catch (SessionException e) {
      answer.cancel();
      throw new RequestTimeoutException(describe(request) + ": the hub is out of reach (" + e.getMessage() + ")", e);
    }
    return answer.await(request.deadline()).orElseThrow(() -> new RequestTimeoutException(describe(request)
        + (Thread.currentThread().isInterrupted() ? ": interrupted while waiting"
            : ": no answer from the hub before the deadline " + request.deadline()), null));
  }

  /**
   * Waits for the hub's answer to something other than a request, e.g. the outcome of a {@code return} event,
   * which the hub sends on the device's response topic with the event id as request id. Call it before the
   * event can reach the hub (inside the outbox's payload function), so that no answer can come first.
   */
  public PendingAnswer expect(UUID id) {
    CompletableFuture<SigbResponse> answer = new CompletableFuture<>();
    pending.put(id, answer);
    return new PendingAnswer(id, answer);
  }

  /** An answer awaited by {@link #expect}: {@link #await} it once, or {@link #cancel} it. */
  public final class PendingAnswer {
    private final UUID id;
    private final CompletableFuture<SigbResponse> answer;

    private PendingAnswer(UUID id, CompletableFuture<SigbResponse> answer) {
      this.id = id;
      this.answer = answer;
    }

    /** The answer, or empty when none came before {@code deadline} (or the thread was interrupted). */
    public Optional<SigbResponse> await(Instant deadline) {
      try {
        long waitMillis = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        return Optional.of(answer.get(waitMillis, TimeUnit.MILLISECONDS));
      } catch (TimeoutException e) {
        return Optional.empty();
      } catch (ExecutionException e) {
        throw new IllegalStateException("cannot happen: answers are only ever completed normally", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      } finally {
        cancel();
      }
    }

    /** Stops waiting: an answer that comes later is dropped. */
    public void cancel() {
      pending.remove(id);
    }
  }

  private void onResponse(IncomingMessage message) {
    SigbResponse response;
    try {
      response = MessageCodec.decodeResponse(message.payload());
    } catch (SchemaException e) {
      LOG.warn("device {}: unreadable response: {}", session.deviceId(), e.getMessage());
      return;
    }
    if (Correlation.uuid(message.correlationData()).filter(id -> !id.equals(response.requestId())).isPresent()) {
      LOG.warn("device {}: response {} carries another request's correlation data", session.deviceId(),
          response.requestId());
      return;
    }
    CompletableFuture<SigbResponse> waiting = pending.get(response.requestId());
    if (waiting == null) {
      LOG.info("device {}: response to {} came after its deadline, dropped", session.deviceId(), response.requestId());
      return;
    }
    waiting.complete(response);
  }

  private static String describe(SigbRequest request) {
    return request.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " request "
        + request.requestId();
  }
}
