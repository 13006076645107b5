package fr.navette.hub.alarms;

import fr.navette.hub.alarms.AlarmStore.Alarm;
import fr.navette.hub.circulation.ItemOutcome;
import fr.navette.hub.circulation.SigbGateway;
import fr.navette.hub.circulation.SigbUnavailableException;
import fr.navette.hub.events.ChannelWorker;
import fr.navette.hub.events.EventStore;
import fr.navette.hub.events.EventStore.StoredEvent;
import fr.navette.hub.events.FailedWork;
import fr.navette.hub.events.WorkLimits;
import fr.navette.hub.store.Database;
import fr.navette.hub.text.Said;
import fr.navette.schema.AlarmEvent;
import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells staff which document set off a gate, and whether the SIGB thinks it is on loan. The alarm is shown at
 * once (verdict {@code pending}) even when the SIGB is slow or down; the SIGB's answer completes it later.
 * The gate never waits for any of this: it has already rung.
 */
public final class AlarmEnricher extends ChannelWorker {
  private static final Logger LOG = LoggerFactory.getLogger(AlarmEnricher.class);
  private final Database db;
  private final EventStore events;
  private final AlarmStore alarms;
  private final SigbGateway sigb;
  private final AlarmFeed feed;
  private final Clock clock;

  /**
   * How far back a kiosk loan still answers "just borrowed?": a document lent yesterday and alarming today is not
   * the kiosk's missed disarm the screen means to show.
   */
  static final Duration LOAN_LOOKBACK = Duration.ofHours(24);
  /** Gates' and kiosks' clocks differ a little: a loan stamped just after the alarm still counts. */
  static final Duration CLOCK_SLACK = Duration.ofMinutes(5);

  public AlarmEnricher(Database db, EventStore events, AlarmStore alarms, SigbGateway sigb, AlarmFeed feed,
                       Clock clock, WorkLimits limits, FailedWork failedWork) {
    super("hub-alarms", events, Channel.ALARM, limits, failedWork);
    this.db = db;
    this.events = events;
    this.alarms = alarms;
    this.sigb = sigb;
    this.feed = feed;
    this.clock = clock;
  }

  @Override
  protected void apply(StoredEvent stored) {
    AlarmEvent sent = EventCodec.decode(Channel.ALARM, stored.payload().getBytes(StandardCharsets.UTF_8),
        AlarmEvent.class);
    // When it rang on the hub's clock (the gate's may be hours off): the alarms' log, its day, the loan looked for.
    AlarmEvent event = new AlarmEvent(sent.header(), sent.tagUid(), sent.itemId(), sent.direction(),
        stored.onHubClock(sent.detectedAt()), sent.antenna(), sent.tagDataError());
    if (event.itemId().isEmpty()) {
      save(stored, event, null, "unreadable-tag");
      return;
    }
    ItemOutcome item;
    try {
      item = sigb.itemInformation(event.itemId().get());
    } catch (SigbUnavailableException e) {
      if (stored.attempts() == 0) {
        Alarm pending = alarm(stored, event, null, "pending");
        db.inTransaction(c -> {
          alarms.save(c, pending);
          return null;
        });
        feed.publish(pending);
      }
      LOG.warn("SIGB {} to enrich the alarm of item {}: {}", e.linkUp() ? "failed on this document" : "unavailable",
          event.itemId().get(), e.getMessage());
      tryAgain(stored, e.getMessage(), e.linkUp());
      return;
    }
    String verdict = !item.known() ? "unknown-item" : item.onLoan() ? "probably-borrowed" : "not-borrowed";
    save(stored, event, item, verdict);
  }

  @Override
  protected Said describe(StoredEvent stored) {
    return Said.of("work.alarm", stored.site(), stored.deviceId());
  }

  private void save(StoredEvent stored, AlarmEvent event, ItemOutcome item, String verdict) {
    Alarm alarm = alarm(stored, event, item, verdict);
    db.inTransaction(c -> {
      alarms.save(c, alarm);
      events.markDone(c, stored.eventId(), EventStore.APPLIED, "{\"verdict\":\"" + verdict + "\"}");
      return null;
    });
    feed.publish(alarm);
    LOG.info("gate alarm at {} ({}): item {} — {}", stored.site(), stored.deviceId(),
        event.itemId().orElse("tag " + event.tagUid()), verdict);
  }

  private Alarm alarm(StoredEvent stored, AlarmEvent event, ItemOutcome item, String verdict) {
    return new Alarm(stored.eventId(), stored.site(), stored.deviceId(), event.tagUid(), event.itemId().orElse(null),
        event.direction().name().toLowerCase(Locale.ROOT), event.detectedAt(),
        item == null ? null : item.title().orElse(null), item == null ? null : item.callNumber().orElse(null),
        item == null ? null : item.ownerBranch().orElse(null), item == null ? null : item.circulationStatus(),
        verdict, item == null ? null : clock.instant(), lastCheckout(event));
  }

  /** What the hub saw of the document at a kiosk: a loan there explains an alarm better than "on loan" alone. */
  private AlarmStore.LastCheckout lastCheckout(AlarmEvent event) {
    if (event.itemId().isEmpty()) {
      return null;
    }
    return alarms.lastCheckout(event.itemId().get(), event.detectedAt().minus(LOAN_LOOKBACK),
        event.detectedAt().plus(CLOCK_SLACK)).orElse(null);
  }
}
