package fr.navette.agent;

import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.HealthEvent;
import fr.navette.schema.UuidV7;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's health: uptime, outbox depth and oldest age, reader state, broker connection, last error, and the
 * receipt printer's state on kiosks.
 * Published live (QoS 0) every {@code interval} on the device's {@code health} topic and served by
 * {@link HealthServer} for systemd's watchdog.
 *
 * <p>Healthy means the device's main loop is alive: it calls {@link #heartbeat()} each turn, and the device is
 * unhealthy when no heartbeat came for {@code stallAfter}. A broker out of reach or a reader down is reported,
 * not unhealthy: restarting the service would not bring the network back, and the outbox is there for that.
 */
public final class HealthMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);
  /** How long a {@link #notice} leads {@code lastError}: a day of health reports, for the hub to see it once. */
  static final Duration NOTICE_FOR = Duration.ofDays(1);
  private static final int MAX_ERROR_CHARS = 500;
  private final DeviceSession session;
  private final Outbox outbox;
  private final Supplier<HealthEvent.ReaderState> reader;
  private final Clock clock;
  private final Duration stallAfter;
  private final Instant startedAt;
  // Uptime counts the clock's steps forward only: a clock put back (a box that was hours ahead, put right) must not
  // make it negative, which the schema refuses — no health would leave the device at all.
  private Instant uptimeReadAt;
  private long uptimeMillis;
  private final UuidV7 ids;
  private volatile Instant lastHeartbeat;
  private volatile boolean heartbeatSeen;
  private volatile Optional<String> lastError = Optional.empty();
  private volatile Optional<String> notice = Optional.empty();
  private volatile Instant noticeUntil = Instant.MIN;
  private volatile Supplier<HealthEvent.PrinterState> printer = () -> HealthEvent.PrinterState.NONE;
  private ScheduledExecutorService publisher;

  public HealthMonitor(DeviceSession session, Outbox outbox, Supplier<HealthEvent.ReaderState> reader, Clock clock,
                       Duration stallAfter) {
    this.session = session;
    this.outbox = outbox;
    this.reader = reader;
    this.clock = clock;
    this.stallAfter = stallAfter;
    this.startedAt = clock.instant();
    this.uptimeReadAt = startedAt;
    this.lastHeartbeat = startedAt;
    this.ids = new UuidV7(clock);
  }

  /** Called by the device's main loop at each turn. */
  public void heartbeat() {
    lastHeartbeat = clock.instant();
    heartbeatSeen = true;
  }

  /** Whether the main loop has turned at least once (its first look at the reader is done): ready for systemd. */
  public boolean heartbeatSeen() {
    return heartbeatSeen;
  }

  /** How long the main loop has had no turn. */
  public Duration sinceHeartbeat() {
    return Duration.between(lastHeartbeat, clock.instant());
  }

  public Duration stallAfter() {
    return stallAfter;
  }

  /** A kiosk's receipt printer, reported in each snapshot (none by default). */
  public void printer(Supplier<HealthEvent.PrinterState> state) {
    printer = java.util.Objects.requireNonNull(state, "state");
  }

  /** Records the last error; the caller strips secrets and patron ids first. */
  public void recordError(String error) {
    lastError = Optional.of(error);
  }

  /**
   * Something staff must hear of whatever errors come next (the outbox set aside at start): it leads
   * {@code lastError} for {@link #NOTICE_FOR}, the last error after it, so that a reader error recorded a second
   * later does not hide it before the hub saw it. The caller strips secrets and patron ids first.
   */
  public void notice(String text) {
    notice = Optional.of(text);
    noticeUntil = clock.instant().plus(NOTICE_FOR);
  }

  public boolean healthy() {
    return Duration.between(lastHeartbeat, clock.instant()).compareTo(stallAfter) < 0;
  }

  private synchronized Duration uptime(Instant now) {
    if (now.isAfter(uptimeReadAt)) {
      uptimeMillis += Duration.between(uptimeReadAt, now).toMillis();
    }
    uptimeReadAt = now;
    return Duration.ofMillis(uptimeMillis);
  }

  public HealthEvent snapshot() {
    Instant now = clock.instant();
    long oldestAge = outbox.oldestStoredAtMillis().stream()
        .map(stored -> Math.max(0, (now.toEpochMilli() - stored) / 1000)).findFirst().orElse(0);
    Optional<String> error = lastError.or(() -> session.lastError().isEmpty() ? Optional.empty()
        : Optional.of("mqtt: " + session.lastError()));
    if (notice.isPresent() && now.isBefore(noticeUntil)) {
      String text = notice.get() + error.map(e -> " | then: " + e).orElse("");
      error = Optional.of(text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS - 1) + "…");
    }
    EventHeader header = new EventHeader(EventCodec.SCHEMA_VERSION, ids.next(), session.deviceId(),
        outbox.lastSequence(), now);
    return new HealthEvent(header, uptime(now).toSeconds(), outbox.depth(), oldestAge,
        reader.get(), session.isConnected(), error, printer.get());
  }

  /**
   * Publishes a snapshot at each connect and every {@code interval}; a snapshot that cannot leave is simply
   * skipped (the next one replaces it).
   */
  public synchronized void startPublishing(Duration interval) {
    session.whenConnected(this::publishOnce);
    publisher = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon(true)
        .name("health-" + session.deviceId()).unstarted(r));
    publisher.scheduleAtFixedRate(this::publishOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void publishOnce() {
    try {
      session.publishLive(Channel.HEALTH, EventCodec.encode(snapshot()), 0);
    } catch (SessionException e) {
      LOG.debug("device {}: health not published: {}", session.deviceId(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("device {}: health snapshot failed: {}", session.deviceId(), e.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (publisher != null) {
      publisher.shutdownNow();
    }
  }
}
