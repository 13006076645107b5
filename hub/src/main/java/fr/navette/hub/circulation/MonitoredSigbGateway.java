package fr.navette.hub.circulation;

import fr.navette.hub.alerts.Alert;
import fr.navette.hub.alerts.Alerts;
import fr.navette.hub.text.Said;
import fr.navette.sip2.codec.messages.CheckinResponse;
import fr.navette.sip2.codec.messages.CheckoutResponse;
import fr.navette.sip2.codec.messages.ItemInformationResponse;
import fr.navette.sip2.codec.messages.PatronInformationResponse;
import fr.navette.sip2.codec.messages.PatronStatusResponse;
import fr.navette.sip2.codec.messages.RenewResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Watches the SIGB link through the calls the hub makes anyway: a failure raises "SIGB link lost" only when the
 * SIGB does not answer a status request (SIP2 99) either — one document that makes the SIGB drop the connection is
 * that document's problem ({@link SigbUnavailableException#linkUp()}), not the network's; the next success
 * resolves it ("back"). While the link is known lost, failures are not probed again: no extra traffic to a SIGB in
 * trouble, and one alert for the outage, not one per retry.
 *
 * <p>While the link is lost, one status request every {@link #PROBE_EVERY} finds out when it is back — the hub's
 * own retries have backed off to minutes by then (an hour's outage: every return waits 5 min between tries) — and
 * {@link #whenLinkBack} is told at once, so what waited on the SIGB is tried again now, not up to 5 min later.
 */
public final class MonitoredSigbGateway implements SigbGateway {
  static final String SIGB_LINK = "sigb-link";
  private final SigbGateway gateway;
  private final Alerts alerts;
  private final String name;
  private volatile boolean linkLost;
  private final java.util.concurrent.atomic.AtomicBoolean checking = new java.util.concurrent.atomic.AtomicBoolean();
  /** An alert left open by a previous run is resolved by this run's first success. */
  private volatile boolean checkedOnce;
  static final Duration PROBE_EVERY = Duration.ofSeconds(5);
  private final java.util.concurrent.atomic.AtomicBoolean probing = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile Runnable linkBack = () -> { };
  private volatile boolean closed;

  public MonitoredSigbGateway(SigbGateway gateway, Alerts alerts, String name) {
    this.gateway = gateway;
    this.alerts = alerts;
    this.name = name;
  }

  /** {@code action} runs once each time the link comes back after it was known lost (on the caller's thread). */
  public MonitoredSigbGateway whenLinkBack(Runnable action) {
    this.linkBack = action;
    return this;
  }

  @Override
  public CheckinOutcome checkin(String itemId, String branch, Instant returnedAt) throws SigbUnavailableException {
    return watch(() -> gateway.checkin(itemId, branch, returnedAt));
  }

  @Override
  public ItemOutcome itemInformation(String itemId) throws SigbUnavailableException {
    return watch(() -> gateway.itemInformation(itemId));
  }

  @Override
  public PatronStatusResponse patronStatus(String patronId, Optional<String> pin, Duration timeout)
      throws SigbUnavailableException {
    return watchWithin(() -> gateway.patronStatus(patronId, pin, timeout));
  }

  @Override
  public PatronInformationResponse patronInformation(String patronId, Optional<String> pin, String summary,
      Duration timeout) throws SigbUnavailableException {
    return watchWithin(() -> gateway.patronInformation(patronId, pin, summary, timeout));
  }

  @Override
  public CheckoutResponse checkout(String patronId, String itemId, Optional<String> pin, Duration timeout)
      throws SigbUnavailableException {
    return watchWithin(() -> gateway.checkout(patronId, itemId, pin, timeout));
  }

  @Override
  public RenewResponse renew(String patronId, String itemId, Optional<String> pin, Duration timeout)
      throws SigbUnavailableException {
    return watchWithin(() -> gateway.renew(patronId, itemId, pin, timeout));
  }

  @Override
  public CheckinResponse checkinNow(String itemId, String branch, boolean cancel, Duration timeout)
      throws SigbUnavailableException {
    return watchWithin(() -> gateway.checkinNow(itemId, branch, cancel, timeout));
  }

  @Override
  public ItemInformationResponse item(String itemId, Duration timeout) throws SigbUnavailableException {
    return watchWithin(() -> gateway.item(itemId, timeout));
  }

  @Override
  public boolean honoursCheckinCancel() {
    return gateway.honoursCheckinCancel();
  }

  @Override
  public void ping() throws SigbUnavailableException {
    watch(() -> {
      gateway.ping();
      return null;
    });
  }

  private <T> T watch(Call<T> call) throws SigbUnavailableException {
    return watch(call, this::judgedNow);
  }

  /**
   * For a call with a deadline (a kiosk waits on it): the failure goes back at once, and whether the link is lost
   * is found out beside it — a status request to a slow SIGB must not eat the patron's deadline.
   */
  private <T> T watchWithin(Call<T> call) throws SigbUnavailableException {
    return watch(call, this::judgedBeside);
  }

  private <T> T watch(Call<T> call, Judge judge) throws SigbUnavailableException {
    try {
      T result = call.run();
      answered();
      return result;
    } catch (SigbUnavailableException e) {
      throw judge.failed(e);
    }
  }

  /** Probes the SIGB before answering: the caller learns whether the link was up (this document's problem). */
  private SigbUnavailableException judgedNow(SigbUnavailableException e) {
    if (!linkLost && answers()) {
      return e.withLinkUp();
    }
    lost(e);
    return e;
  }

  private void lost(SigbUnavailableException e) {
    linkLost = true;
    alerts.raise(SIGB_LINK, name, Alert.Severity.CRITICAL, Said.of("alert.sigb-link-lost", name, e.getMessage()));
    probeUntilBack();
  }

  /** One status request every {@link #PROBE_EVERY} while the link is lost; the first answer ends it. */
  private void probeUntilBack() {
    if (!probing.compareAndSet(false, true)) {
      return;
    }
    Thread.ofVirtual().name("sigb-link-probe").start(() -> {
      try {
        while (linkLost && !closed) {
          Thread.sleep(PROBE_EVERY); // the probe's period, not a synchronisation
          if (linkLost && !closed && answers()) {
            answered();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        probing.set(false);
        if (linkLost && !closed) { // lost again between the last look and the flag: go on probing
          probeUntilBack();
        }
      }
    });
  }

  private SigbUnavailableException judgedBeside(SigbUnavailableException e) {
    if (!linkLost && checking.compareAndSet(false, true)) {
      Thread.ofVirtual().name("sigb-link-check").start(() -> {
        try {
          if (!answers()) {
            lost(e);
          }
        } finally {
          checking.set(false);
        }
      });
    }
    return e;
  }

  private void answered() {
    if (!linkLost && checkedOnce) {
      return; // the usual case: no lock taken
    }
    boolean wasLost;
    synchronized (this) { // the probe and a retry may both see the SIGB back: one resolves, one tells
      if (!linkLost && checkedOnce) {
        return;
      }
      wasLost = linkLost;
      linkLost = false;
      checkedOnce = true;
    }
    alerts.resolve(SIGB_LINK, name);
    if (wasLost) {
      linkBack.run();
    }
  }

  private boolean answers() {
    try {
      gateway.ping();
      return true;
    } catch (SigbUnavailableException e) {
      return false;
    }
  }

  private interface Call<T> {
    T run() throws SigbUnavailableException;
  }

  /** What a failed call becomes once the link has been judged (or its judging started). */
  private interface Judge {
    SigbUnavailableException failed(SigbUnavailableException e);
  }

  @Override
  public void close() {
    closed = true;
    gateway.close();
  }
}
