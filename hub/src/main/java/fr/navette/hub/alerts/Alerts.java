package fr.navette.hub.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.navette.hub.text.HubTexts;
import fr.navette.hub.text.Said;
import fr.navette.schema.text.Catalogue;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises and resolves alerts, and tells people: each newly raised alert (and its resolution) is posted to the
 * webhook and mailed, when configured, off the caller's thread. A failed notification is logged; the alert
 * stays visible at {@code GET /api/alerts} whatever happens to the mail.
 */
public final class Alerts implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final AlertStore store;
  private final AlertChannels channels;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ExecutorService notifier = Executors.newSingleThreadExecutor(
      r -> Thread.ofPlatform().name("hub-alert-notifier").daemon(true).unstarted(r));

  public Alerts(AlertStore store, AlertChannels channels) {
    this.store = store;
    this.channels = channels;
  }

  /** @param message the alert's text, kept as a key and its arguments: staff read it in their language */
  public void raise(String kind, String subject, Alert.Severity severity, Said message) {
    store.raise(kind, subject, severity, message).ifPresent(alert -> told(alert, alert.message()));
  }

  /**
   * Raises an alert whose words follow a measure (a device clock's offset): one alert per cause, told when
   * raised; while it stays open its words are brought up to date, telling nobody again.
   */
  public void raiseOrReword(String kind, String subject, Alert.Severity severity, Said message) {
    Optional<Alert> raised = store.raise(kind, subject, severity, message);
    raised.ifPresentOrElse(alert -> told(alert, alert.message()), () -> store.reword(kind, subject, message));
  }

  /** Raises an alert for a cause that happened once: never again once raised, even after staff resolved it. */
  public void raiseOnce(String kind, String subject, Alert.Severity severity, Said message) {
    store.raiseOnce(kind, subject, severity, message).ifPresent(alert -> told(alert, alert.message()));
  }

  private void told(Alert alert, String message) {
    LOG.warn("ALERT {} {}: {}", alert.kind(), alert.subject(), message);
    // Mail and webhook speak the network's language: one mailbox, read by the whole team.
    notifyAsync(alert, HubTexts.say(Catalogue.FRENCH, "mail.raised", message));
  }

  public void resolve(String kind, String subject) {
    store.resolve(kind, subject).ifPresent(alert -> {
      LOG.info("alert resolved: {} {}", kind, subject);
      notifyAsync(alert, HubTexts.say(Catalogue.FRENCH, "mail.resolved", alert.message()));
    });
  }

  /**
   * Staff say they dealt with it (emptied the problems bin, re-armed the tag). A cause the watchdog still sees
   * (a device still offline) raises a new alert at its next round.
   *
   * @return the alert as it now stands, or empty when there is no such alert
   */
  public Optional<Alert> resolveById(String alertId) {
    Optional<Alert> alert = store.find(alertId);
    alert.filter(a -> a.resolvedAt() == null).ifPresent(a -> resolve(a.kind(), a.subject()));
    return alert.flatMap(a -> store.find(alertId));
  }

  /** Resolves every open alert of {@code kind} whose subject is not among {@code stillTrue}. */
  public void resolveAllBut(String kind, java.util.Collection<String> stillTrue) {
    for (Alert alert : store.open(kind)) {
      if (!stillTrue.contains(alert.subject())) {
        resolve(kind, alert.subject());
      }
    }
  }

  public List<Alert> list(boolean openOnly, int limit) {
    return store.list(openOnly, limit);
  }

  private void notifyAsync(Alert alert, String subject) {
    if (channels.webhook().isEmpty() && channels.smtp().isEmpty()) {
      return;
    }
    notifier.submit(() -> {
      boolean delivered = true;
      try {
        if (channels.webhook().isPresent()) {
          HttpResponse<Void> response = http.send(HttpRequest.newBuilder(channels.webhook().get())
              .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(alert))).build(),
              HttpResponse.BodyHandlers.discarding());
          if (response.statusCode() / 100 != 2) {
            delivered = false;
            LOG.warn("alert webhook answered {} for {}", response.statusCode(), alert.alertId());
          }
        }
        if (channels.smtp().isPresent()) {
          new SmtpSender(channels.smtp().get()).send(subject, alert.message() + "\n\n" + alert.kind() + " — "
              + alert.subject() + "\n" + alert.raisedAt() + (alert.resolvedAt() == null ? "" : " → " + alert.resolvedAt()));
        }
      } catch (Exception e) {
        delivered = false;
        LOG.warn("cannot send alert {}: {}", alert.alertId(), e.toString());
      }
      if (delivered) {
        store.notified(alert.alertId());
      }
    });
  }

  @Override
  public void close() {
    notifier.shutdown();
    try {
      notifier.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // The JDK's client keeps a selector thread until closed: one more for ever per hub closed in a process.
    http.shutdownNow();
  }
}
