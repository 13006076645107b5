package fr.navette.agent;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * systemd's side of a service's liveness ({@code Type=notify}, {@code WatchdogSec=}): {@code READY=1} once the
 * service said it is up <em>and</em> its liveness check passes, then {@code WATCHDOG=1} every
 * {@code WatchdogSec/3} (from {@code WATCHDOG_USEC}) <em>only while</em> the check passes, {@code STATUS=} beside each,
 * {@code STOPPING=1} on the way out. A check that finds a loop stuck stops the pings: systemd then kills and restarts
 * the service ({@code Restart=always}), where a thread that pinged on its own would keep a silent gate "alive".
 *
 * <p>The check runs on this watchdog's own thread, not on the loops it watches: a device's loop only leaves a
 * heartbeat (a volatile write), and starting a process from a gate's reading loop would delay its alarms. A check that
 * blocks (an outbox whose file no longer answers) blocks the pings too, which is what it should do.
 *
 * <p>Outside systemd ({@code NOTIFY_SOCKET} unset) no thread is started and every call does nothing.
 */
public final class ServiceWatchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceWatchdog.class);
  /** How often readiness is looked at before READY=1: start-up is what a technician waits for. */
  private static final Duration READY_POLL = Duration.ofMillis(100);
  /** STATUS= refresh when systemd watches nothing (Type=notify without WatchdogSec=). */
  private static final Duration STATUS_EVERY = Duration.ofSeconds(30);

  private final SystemdNotify notify;
  private final Supplier<Optional<String>> stuck;
  private final Supplier<String> status;
  private final Duration every;
  private final LoopThread loop;
  private volatile boolean readyAsked;
  private volatile boolean readySent;
  private volatile boolean readyFailed;
  private volatile boolean stopping;
  private volatile long pings;
  private volatile Optional<String> lastProblem = Optional.empty();

  /**
   * @param stuck empty while every watched loop is alive, else what is stuck (said in STATUS= and the journal)
   * @param status one line for {@code systemctl status} (e.g. "outbox 3 waiting, reader ok")
   */
  public ServiceWatchdog(String name, SystemdNotify notify, Supplier<Optional<String>> stuck, Supplier<String> status) {
    this.notify = Objects.requireNonNull(notify, "notify");
    this.stuck = Objects.requireNonNull(stuck, "stuck");
    this.status = Objects.requireNonNull(status, "status");
    this.every = notify.watchdogTimeout().map(t -> t.dividedBy(3)).orElse(STATUS_EVERY);
    this.loop = new LoopThread("systemd-watchdog-" + name, this::run);
    if (notify.enabled()) {
      loop.start();
      LOG.info("systemd: ready when up, {}", notify.watchdogTimeout()
          .map(t -> "watchdog pings every " + every.toMillis() + " ms while alive (WatchdogSec " + t.toMillis() + " ms)")
          .orElse("no watchdog (no WatchdogSec=)"));
    }
  }

  /** The service is up (outbox open, reader opened, loops started): READY=1 as soon as the check passes. */
  public void ready() {
    readyAsked = true;
    loop.unpark();
  }

  /** STOPPING=1, once; no ping after it. */
  public void stopping() {
    if (stopping) {
      return;
    }
    stopping = true;
    notify.send("STOPPING=1", "STATUS=stopping");
  }

  /** Whether READY=1 went out. */
  public boolean readySent() {
    return readySent;
  }

  /** WATCHDOG=1 sent so far. */
  public long pings() {
    return pings;
  }

  private void run() {
    while (loop.running() && !stopping) {
      try {
        check();
      } catch (RuntimeException e) {
        // a check that throws is a loop not proven alive: no ping this time
        LOG.warn("systemd watchdog: liveness check failed: {}", e.toString());
      }
      LockSupport.parkNanos((readySent || readyFailed ? every : READY_POLL).toNanos());
    }
  }

  private void check() {
    if (!readyAsked) {
      return;
    }
    Optional<String> problem = stuck.get();
    if (stopping) {
      return;
    }
    if (problem.isPresent() && !readySent) {
      return; // still starting (its first turn not made): systemd's TimeoutStartSec= bounds the wait
    }
    if (problem.isPresent()) {
      if (lastProblem.isEmpty()) { // once in the journal; STATUS= follows how long it lasts
        LOG.error("systemd watchdog: {}: no ping, systemd restarts the service if it stays so", problem.get());
      }
      notify.send("STATUS=stuck: " + problem.get());
      lastProblem = problem;
      return;
    }
    if (lastProblem.isPresent()) {
      LOG.warn("systemd watchdog: alive again ({} before)", lastProblem.get());
      lastProblem = Optional.empty();
    }
    if (!readySent) {
      if (notify.send("READY=1", "STATUS=" + status.get())) {
        readySent = true;
        LOG.info("systemd: READY=1 sent");
      } else {
        readyFailed = true; // tried again at the pace of pings, not every 100 ms (the failure is logged once)
      }
      return;
    }
    if (notify.watchdogTimeout().isPresent()) {
      if (notify.send("WATCHDOG=1", "STATUS=" + status.get())) {
        pings++;
      }
    } else {
      notify.send("STATUS=" + status.get());
    }
  }

  /** STOPPING=1 (if not said yet), then the pings end. */
  @Override
  public void close() {
    if (notify.enabled()) {
      stopping();
    }
    loop.close();
  }
}
