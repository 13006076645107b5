package fr.navette.hub.identities;

import fr.navette.broker.Gatekeeper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broker refused since start, for the administrator ({@code GET /api/admin/broker}): a count per kind of
 * refusal and the latest refusals with who, what and why. A device forging another's topic, an anonymous client, a
 * revoked device trying again: each one shows here, and in the log at WARN (topics only: no payload, no patron).
 */
public final class BrokerRefusals {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerRefusals.class);
  private static final int KEPT = 100;

  /** One refusal as the administrator reads it. */
  public record Refused(Instant at, String action, String clientId, String identity, String topic, String reason) {}

  /** The counts per action and the latest refusals, newest first. */
  public record Snapshot(Map<String, Long> counts, List<Refused> latest) {}

  private final Map<Gatekeeper.Action, AtomicLong> counts = new EnumMap<>(Gatekeeper.Action.class);
  private final Deque<Refused> latest = new ArrayDeque<>();
  private final Clock clock;

  public BrokerRefusals(Clock clock) {
    this.clock = clock;
    for (Gatekeeper.Action action : Gatekeeper.Action.values()) {
      counts.put(action, new AtomicLong());
    }
  }

  void count(Gatekeeper.Refusal refusal) {
    counts.get(refusal.action()).incrementAndGet();
    Refused refused = new Refused(clock.instant(), refusal.action().name().toLowerCase(java.util.Locale.ROOT),
        refusal.clientId(), refusal.identity(), refusal.topic(), refusal.reason());
    synchronized (latest) {
      latest.addFirst(refused);
      while (latest.size() > KEPT) {
        latest.removeLast();
      }
    }
    LOG.warn("MQTT {} refused to {} (client {}): {}", refused.action(), refusal.identity(), refusal.clientId(),
        refusal.reason());
  }

  public Snapshot snapshot() {
    Map<String, Long> byAction = new java.util.LinkedHashMap<>();
    counts.forEach((action, count) -> byAction.put(action.name().toLowerCase(java.util.Locale.ROOT), count.get()));
    synchronized (latest) {
      return new Snapshot(byAction, List.copyOf(latest));
    }
  }
}
