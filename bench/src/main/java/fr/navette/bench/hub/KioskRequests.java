package fr.navette.bench.hub;

import fr.navette.agent.RequestClient;
import fr.navette.agent.RequestTimeoutException;
import fr.navette.schema.SigbRequest;
import fr.navette.schema.SigbResponse;
import fr.navette.sim.sigb.Patron;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated kiosk's SIGB requests through the hub, and their tally (answered yes, answered no, never answered,
 * round-trip times): one piece for the benches that drive kiosks (HubMemoryBench, SoakBench).
 */
final class KioskRequests {
  final AtomicLong ok = new AtomicLong();
  final AtomicLong refused = new AtomicLong();
  final AtomicLong lost = new AtomicLong();
  /** Round trips in ms, request sent to answer read. */
  final ConcurrentLinkedQueue<Long> millis = new ConcurrentLinkedQueue<>();

  /** Asks through {@code requests} for {@code deviceId}; null when the hub did not answer within 8 s. */
  SigbResponse ask(RequestClient requests, String deviceId, SigbRequest.Kind kind, Patron patron, String itemId) {
    Instant now = Instant.now();
    long t0 = System.nanoTime();
    try {
      SigbResponse response = requests.ask(new SigbRequest(UUID.randomUUID(), deviceId, kind,
          Optional.of(patron.id()), Optional.ofNullable(patron.pin()), Optional.ofNullable(itemId), now,
          now.plusSeconds(8)));
      millis.add((System.nanoTime() - t0) / 1_000_000);
      (response.outcome() == SigbResponse.Outcome.OK ? ok : refused).incrementAndGet();
      return response;
    } catch (RequestTimeoutException e) {
      lost.incrementAndGet();
      return null;
    }
  }
}
