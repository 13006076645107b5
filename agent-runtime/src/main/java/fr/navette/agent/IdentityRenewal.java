package fr.navette.agent;

import fr.navette.identity.DeviceFiles;
import fr.navette.identity.EnrolmentClient;
import fr.navette.identity.EnrolmentException;
import fr.navette.identity.IdentityException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an enrolled device's certificate valid: renews it at two thirds of its lifetime over HTTPS with the current
 * certificate ({@link EnrolmentClient#renew}, a new key each time, the folder's files replaced atomically), then has
 * the MQTT session reconnect so that the broker sees the new certificate. A failed renewal is tried again after
 * 1 min, doubling up to 1 h — while the old certificate lasts, the device keeps running on it. Time comes from the
 * clock and the {@link Scheduler} given (tests drive both).
 *
 * <p>Nothing to do once the certificate has ended or was revoked: the hub refuses such a renewal for good
 * ({@code certificate-expired}, {@code certificate-revoked}); the device must be enrolled again, and says so.
 */
public final class IdentityRenewal {
  /** Runs a task after a delay (a {@code ScheduledExecutorService}'s {@code schedule} in production). */
  @FunctionalInterface
  public interface Scheduler {
    void schedule(Runnable task, Duration delay);
  }

  static final Duration FIRST_RETRY = Duration.ofMinutes(1);
  static final Duration LAST_RETRY = Duration.ofHours(1);
  private static final Logger LOG = LoggerFactory.getLogger(IdentityRenewal.class);

  private final URI hub;
  private final Path dir;
  private final EnrolmentClient client;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Consumer<String> reconnect;
  private int failures;
  private volatile Instant nextAttempt;
  private volatile String lastError = "";
  private volatile boolean stopped;

  /**
   * @param hub the hub's HTTPS address ({@code DeviceEnrolment.hub()})
   * @param dir the device's identity folder
   * @param reconnect asked to reconnect (with why) once the new certificate is in the folder
   */
  public IdentityRenewal(URI hub, Path dir, EnrolmentClient client, Clock clock, Scheduler scheduler,
      Consumer<String> reconnect) {
    this.hub = hub;
    this.dir = dir;
    this.client = client;
    this.clock = clock;
    this.scheduler = scheduler;
    this.reconnect = reconnect;
  }

  /** Schedules the first renewal from the folder's certificate. */
  public void start() {
    scheduleFromCertificate();
  }

  /** When the next renewal is due, if one is scheduled. */
  public Optional<Instant> nextAttempt() {
    return Optional.ofNullable(nextAttempt);
  }

  /** The last renewal's error, or an empty string once renewed. */
  public String lastError() {
    return lastError;
  }

  /** No more renewals (the runtime closes). */
  public void stop() {
    stopped = true;
  }

  /** When a certificate valid from {@code notBefore} to {@code notAfter} is renewed: at 2/3 of its lifetime. */
  static Instant renewalTime(Instant notBefore, Instant notAfter) {
    return notBefore.plus(Duration.between(notBefore, notAfter).multipliedBy(2).dividedBy(3));
  }

  private void scheduleFromCertificate() {
    X509Certificate certificate = DeviceFiles.load(dir).keyAndCertificate().certificate();
    Instant at = renewalTime(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
    schedule(at, "certificate valid until " + certificate.getNotAfter().toInstant());
  }

  private void schedule(Instant at, String why) {
    if (stopped) {
      return;
    }
    nextAttempt = at;
    Duration delay = Duration.between(clock.instant(), at);
    LOG.info("identity {}: renewal at {} ({})", dir, at, why);
    scheduler.schedule(this::renewNow, delay.isNegative() ? Duration.ZERO : delay);
  }

  private synchronized void renewNow() {
    if (stopped) {
      return;
    }
    nextAttempt = null;
    EnrolmentClient.Enrolled renewed;
    try {
      renewed = client.renew(hub, dir);
    } catch (EnrolmentException e) {
      failed(e.getMessage(), !"certificate-expired".equals(e.code()) && !"certificate-revoked".equals(e.code()));
      return;
    } catch (IdentityException | UncheckedIOException e) {
      failed(e.getMessage(), true);
      return;
    }
    failures = 0;
    lastError = "";
    LOG.info("identity {}: certificate renewed until {}", dir, renewed.notAfter());
    reconnect.accept("certificate renewed until " + renewed.notAfter());
    scheduleFromCertificate();
  }

  private void failed(String why, boolean worthRetrying) {
    lastError = why;
    failures++;
    if (!worthRetrying) {
      LOG.error("identity {}: renewal refused for good: {} — enrol this device again (navette enrol)", dir, why);
      return;
    }
    Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 10));
    if (wait.compareTo(LAST_RETRY) > 0) {
      wait = LAST_RETRY;
    }
    LOG.warn("identity {}: renewal failed ({} time(s)): {}; again in {}", dir, failures, why, wait);
    schedule(clock.instant().plus(wait), "retry " + failures);
  }
}
