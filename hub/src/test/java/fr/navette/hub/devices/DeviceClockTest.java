package fr.navette.hub.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.navette.hub.HubFixture;
import fr.navette.hub.alerts.AlertChannels;
import fr.navette.hub.events.ClockOffset;
import fr.navette.mqtt.OutboundMessage;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.ReturnEvent;
import fr.navette.schema.SentAt;
import fr.navette.schema.UuidV7;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.SimulatedNetwork.CheckinRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A return box whose clock is days off, over the real path: MQTT 5 to the hub's embedded broker, the hub's store,
 * SIP2 to the SIGB simulator. The SIGB must record the true return date, staff must be told of the clock, and a
 * box of before {@code sent-at} must be taken as it always was.
 */
class DeviceClockTest {
  private static final String BRANCH = "BR02";
  /** SIP2 dates keep whole seconds; the hub's measure adds the network's and the ingest's milliseconds. */
  private static final Duration SAME = Duration.ofSeconds(5);

  @TempDir Path dir;
  private HubFixture fixture;
  private final AtomicLong sequence = new AtomicLong();
  private Iterator<Item> onLoan;

  @BeforeEach
  void start() throws Exception {
    fixture = HubFixture.onSmallSigb(dir, HubFixture.alertingTo(AlertChannels.none()), Clock.systemUTC());
    onLoan = fixture.sigb().network().itemsOnLoan().iterator();
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @Test
  void aBoxThreeDaysAheadHasItsReturnsCheckedInOnTheirTrueDateAndStaffToldUntilItsClockIsRight() throws Exception {
    String box = "box-" + BRANCH + "-1";
    Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofDays(3).plusHours(2));
    // Made offline two hours ago (on the box's clock), sent now that the hub is in reach: both times wrong alike.
    Item item = onLoan.next();
    Instant trueReturn = Instant.now().minus(Duration.ofHours(2));
    publishReturn(box, item, ahead.instant().minus(Duration.ofHours(2)), Optional.of(ahead.instant()));

    CheckinRecord checkin = checkinOf(item);
    assertThat(checkin.returnedAt()).as("the SIGB's return date is the true one, not the box's clock")
        .isCloseTo(trueReturn, within(SAME.toMillis(), ChronoUnit.MILLIS));
    JsonNode event = fixture.get("/api/events?limit=1").get(0);
    assertThat(Instant.parse(event.get("deviceTime").asText())).as("the event's time on the hub's clock")
        .isCloseTo(trueReturn, within(SAME.toMillis(), ChronoUnit.MILLIS));
    assertThat(Duration.ofMillis(event.get("clockOffsetMs").asLong())).as("what was taken off, kept")
        .isCloseTo(Duration.ofDays(3).plusHours(2), SAME);

    fixture.hub.watchdog().look();
    JsonNode alert = openClockAlerts().getFirst();
    assertThat(alert.get("subject").asText()).isEqualTo(box);
    assertThat(alert.get("message").asText()).contains("Horloge de l'appareil " + box, "3 j 2 h en avance");
    fixture.hub.watchdog().look();
    assertThat(openClockAlerts()).as("one alert per device, not one per round or event").hasSize(1);

    Item next = onLoan.next(); // its clock put right (NTP back): the next return says so
    publishReturn(box, next, Instant.now(), Optional.of(Instant.now()));
    assertThat(checkinOf(next).returnedAt()).isCloseTo(Instant.now(), within(SAME.toMillis(), ChronoUnit.MILLIS));
    fixture.hub.watchdog().look();
    assertThat(openClockAlerts()).as("resolved once the box's clock is right").isEmpty();
  }

  @Test
  void aBoxThatDoesNotSayItsClockIsTakenAsBefore() throws Exception {
    String box = "box-" + BRANCH + "-2"; // an agent of before sent-at
    Instant itsClock = Instant.now().plus(Duration.ofDays(3));
    Item item = onLoan.next();
    publishReturn(box, item, itsClock, Optional.empty());

    assertThat(checkinOf(item).returnedAt()).as("trusted, as it always was")
        .isCloseTo(itsClock, within(SAME.toMillis(), ChronoUnit.MILLIS));
    JsonNode event = fixture.get("/api/events?limit=1").get(0);
    assertThat(Instant.parse(event.get("deviceTime").asText())).isEqualTo(itsClock.truncatedTo(ChronoUnit.MILLIS));
    assertThat(event.get("clockOffsetMs").isNull()).isTrue();
    fixture.hub.watchdog().look();
    assertThat(openClockAlerts()).isEmpty();
  }

  @Test
  void aClockWithinTheToleranceIsNetworkDelayNotAnError() {
    Instant now = Instant.parse("2026-12-04T08:00:00Z");
    ClockOffset late = ClockOffset.measure(Optional.of("2026-12-04T08:01:59Z"), true, now).orElseThrow();
    assertThat(late.off()).isFalse();
    assertThat(late.correction()).isZero();
    assertThat(late.onHubClock(now.plusSeconds(119), now)).isEqualTo(now.plusSeconds(119));
    assertThat(ClockOffset.measure(Optional.of("1970-01-01T00:00:00Z"), true, now)).as("not an instant of ours")
        .isEmpty();
    assertThat(ClockOffset.measure(Optional.of("yesterday"), true, now)).isEmpty();
    // Through an external broker a message may have waited for the hub: a clock behind is not believed there.
    assertThat(ClockOffset.measure(Optional.of("2026-12-04T07:00:00Z"), false, now)).isEmpty();
    assertThat(ClockOffset.measure(Optional.of("2026-12-04T09:00:00Z"), false, now)).hasValueSatisfying(
        o -> assertThat(o.correction()).isEqualTo(Duration.ofHours(1)));
    // An event made before the clock was put back (a reboot in between) is never placed after its arrival.
    ClockOffset behind = ClockOffset.measure(Optional.of("2026-12-03T08:00:00Z"), true, now).orElseThrow();
    assertThat(behind.onHubClock(now.minusSeconds(60), now)).isEqualTo(now);
  }

  private void publishReturn(String box, Item item, Instant boxTime, Optional<Instant> sentAt) {
    EventHeader header = new EventHeader(EventCodec.SCHEMA_VERSION, new UuidV7(Clock.systemUTC()).next(), box,
        sequence.incrementAndGet(), boxTime);
    OutboundMessage message = OutboundMessage.of("navette/v1/" + BRANCH + "/" + box + "/return",
        EventCodec.encode(new ReturnEvent(header, item.id(), boxTime, true)), 1);
    if (sentAt.isPresent()) {
      message = message.withUserProperty(SentAt.PROPERTY, SentAt.format(sentAt.get()).orElseThrow());
    }
    assertThat(fixture.mqtt().publish(message).accepted()).isTrue();
  }

  private CheckinRecord checkinOf(Item item) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> fixture.sigb().network().checkinLog().stream()
        .filter(c -> c.itemId().equals(item.id())).findFirst(), Optional::isPresent).orElseThrow();
  }

  private java.util.List<JsonNode> openClockAlerts() throws Exception {
    return StreamSupport.stream(fixture.get("/api/alerts?open=true").spliterator(), false)
        .filter(a -> a.get("kind").asText().equals("clock-off")).toList();
  }
}
