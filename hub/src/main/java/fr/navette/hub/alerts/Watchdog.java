package fr.navette.hub.alerts;

import fr.navette.hub.devices.DeviceRegistry;
import fr.navette.hub.events.ClockOffset;
import fr.navette.hub.events.EventStore;
import fr.navette.hub.text.Said;
import fr.navette.hub.transits.Transit;
import fr.navette.hub.transits.TransitStatus;
import fr.navette.hub.transits.TransitStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks, at a steady pace, for what must not go unnoticed: devices gone silent or offline beyond a threshold,
 * readers in fault, receipt printers out of paper or in fault, device clocks off the hub's, transits nobody read at their destination, holes in devices' sequence numbers. Each
 * finding raises an alert; an alert whose cause went away is resolved. A device that set a corrupt outbox aside
 * raises one alert per file kept, once: staff resolve it when they have dealt with the file.
 */
public final class Watchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
  static final String DEVICE_OFFLINE = "device-offline";
  static final String READER_FAULT = "reader-fault";
  static final String PRINTER_FAULT = "printer-fault";
  /** Printer states that stop receipts; paper-near-end is told too, as information. */
  private static final Set<String> PRINTER_STOPPED = Set.of("paper-out", "cover-open", "offline", "disconnected");
  static final String OUTBOX_CORRUPT = "outbox-corrupt";
  static final String CLOCK_OFF = "clock-off";
  static final String TRANSIT_OVERDUE = "transit-overdue";
  static final String SEQUENCE_GAP = "sequence-gap";
  private static final Duration GAP_WINDOW = Duration.ofDays(2);
  private static final Duration GAP_GRACE = Duration.ofMinutes(1);

  private final Alerts alerts;
  private final DeviceRegistry devices;
  private final TransitStore transits;
  private final EventStore events;
  private final Duration deviceOfflineAfter;
  private final Duration transitOverdueAfter;
  private final Clock clock;
  /** A branch's name as the network writes it (its code when unnamed): what the alert's reader recognises. */
  private UnaryOperator<String> branchName = UnaryOperator.identity();
  private GapResend resend;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().name("hub-watchdog").daemon(true).unstarted(r));

  public Watchdog(Alerts alerts, DeviceRegistry devices, TransitStore transits, EventStore events,
                  Duration deviceOfflineAfter, Duration transitOverdueAfter, Clock clock) {
    this.alerts = alerts;
    this.devices = devices;
    this.transits = transits;
    this.events = events;
    this.deviceOfflineAfter = deviceOfflineAfter;
    this.transitOverdueAfter = transitOverdueAfter;
    this.clock = clock;
  }

  /** Names branches in alerts' words by {@code names} rather than by their codes. */
  public Watchdog naming(UnaryOperator<String> names) {
    this.branchName = names;
    return this;
  }

  /** Asks devices for the holes found ({@link GapResend}), after the same grace as their alert. */
  public Watchdog resendingGaps(GapResend resend) {
    this.resend = resend;
    return this;
  }

  public void start(Duration every) {
    timer.scheduleWithFixedDelay(this::lookSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void lookSafely() {
    try {
      look();
    } catch (RuntimeException e) {
      LOG.error("watchdog round failed, next one goes on: {}", e.toString(), e);
    }
  }

  /** One round of checks; public so that a test or an admin action can run it now. */
  public void look() {
    Instant now = clock.instant();
    List<DeviceRegistry.Device> all = devices.list();

    Set<String> gone = all.stream()
        .filter(d -> d.lastSeen().plus(deviceOfflineAfter).isBefore(now)
            || "offline".equals(d.state()) && d.stateChangedAt() != null
                && d.stateChangedAt().plus(deviceOfflineAfter).isBefore(now))
        .map(DeviceRegistry.Device::deviceId).collect(Collectors.toSet());
    all.stream().filter(d -> gone.contains(d.deviceId())).forEach(d -> alerts.raise(DEVICE_OFFLINE, d.deviceId(),
        Alert.Severity.CRITICAL, Said.of("alert.device-offline", d.deviceId(), branchName.apply(d.site()), d.lastSeen())));
    alerts.resolveAllBut(DEVICE_OFFLINE, gone);

    Set<String> faulty = all.stream()
        .filter(d -> d.readerState() != null && !Set.of("ok", "none", "unknown").contains(d.readerState()))
        .map(DeviceRegistry.Device::deviceId).collect(Collectors.toSet());
    all.stream().filter(d -> faulty.contains(d.deviceId())).forEach(d -> alerts.raise(READER_FAULT, d.deviceId(),
        Alert.Severity.WARNING, Said.of("alert.reader-fault", d.deviceId(), branchName.apply(d.site()), readerWords(d.readerState()),
            d.lastError() == null ? "" : " — " + d.lastError())));
    alerts.resolveAllBut(READER_FAULT, faulty);

    List<DeviceRegistry.Device> printers = all.stream().filter(d -> d.printerState() != null
        && (PRINTER_STOPPED.contains(d.printerState()) || "paper-near-end".equals(d.printerState()))).toList();
    // One alert per device and state: paper near end then out resolves the first and raises the second.
    printers.forEach(d -> alerts.raise(PRINTER_FAULT, d.deviceId() + " " + d.printerState(),
        PRINTER_STOPPED.contains(d.printerState()) ? Alert.Severity.WARNING : Alert.Severity.INFO,
        Said.of("alert.printer-fault", d.deviceId(), branchName.apply(d.site()), printerWords(d.printerState()))));
    alerts.resolveAllBut(PRINTER_FAULT, printers.stream().map(d -> d.deviceId() + " " + d.printerState()).toList());

    // One alert per device whose latest message showed its clock off, its words following the offset; resolved
    // when a message shows it right again. Its events' times are put right meanwhile (ClockOffset).
    List<DeviceRegistry.Device> clocksOff = all.stream()
        .filter(d -> d.clockOffset().filter(ClockOffset::off).isPresent()).toList();
    clocksOff.forEach(d -> alerts.raiseOrReword(CLOCK_OFF, d.deviceId(), Alert.Severity.WARNING,
        Said.of("alert.clock-off", d.deviceId(), branchName.apply(d.site()), offsetWords(d.clockOffset().get()))));
    alerts.resolveAllBut(CLOCK_OFF, clocksOff.stream().map(DeviceRegistry.Device::deviceId).toList());

    // A fact of the past, told by the device's health for a day: raised once, never resolved by the watchdog.
    all.forEach(d -> d.outboxSetAside().ifPresent(kept -> alerts.raiseOnce(OUTBOX_CORRUPT, d.deviceId() + " " + kept,
        Alert.Severity.WARNING, Said.of("alert.outbox-corrupt", d.deviceId(), branchName.apply(d.site()), d.lastError()))));

    List<Transit> late = transits.list(List.of(TransitStatus.OPEN, TransitStatus.PACKED, TransitStatus.ON_ROAD),
        10_000).stream().filter(t -> t.overdue(now, transitOverdueAfter)).toList();
    // Per leg (issue 19): a leg ending at a relay names the relay and the document's destination, so staff know
    // both where it is stuck and where it is going.
    late.forEach(t -> alerts.raise(TRANSIT_OVERDUE, t.transitId(), Alert.Severity.WARNING, t.endsAtRelay()
        ? Said.of("alert.transit-overdue-leg", t.itemId(), branchName.apply(t.fromBranch()),
            branchName.apply(t.toBranch()), branchName.apply(t.destination()),
            Said.of("status.transit." + t.status()), t.createdAt())
        : Said.of("alert.transit-overdue", t.itemId(), branchName.apply(t.fromBranch()),
            branchName.apply(t.toBranch()),
            Said.of("status.transit." + t.status()), t.createdAt())));
    alerts.resolveAllBut(TRANSIT_OVERDUE, late.stream().map(Transit::transitId).toList());

    // One alert per device while its holes last, reworded as they change: one per hole flooded staff (and the
    // webhook, and the mail) when a device kept losing events, each hole told as news. Told once, when raised.
    Map<String, List<EventStore.SequenceGap>> gapsByDevice = events.gaps(now.minus(GAP_WINDOW), GAP_GRACE).stream()
        .collect(Collectors.groupingBy(EventStore.SequenceGap::deviceId, LinkedHashMap::new, Collectors.toList()));
    gapsByDevice.forEach((device, gaps) -> alerts.raiseOrReword(SEQUENCE_GAP, device, Alert.Severity.WARNING,
        gapWords(device, gaps)));
    alerts.resolveAllBut(SEQUENCE_GAP, gapsByDevice.keySet());
    if (resend != null) {
      // The device has them still, mostly (a broker's PUBACK is not the hub's receipt): asked for, the hole closes.
      Map<String, String> sites = all.stream().collect(Collectors.toMap(DeviceRegistry.Device::deviceId,
          DeviceRegistry.Device::site, (a, b) -> a));
      resend.ask(gapsByDevice, device -> java.util.Optional.ofNullable(sites.get(device)));
    }
  }

  private static Said gapWords(String device, List<EventStore.SequenceGap> gaps) {
    EventStore.SequenceGap first = gaps.getFirst();
    if (gaps.size() > 1) {
      return Said.of("alert.sequence-gaps", device, gaps.size(), first.from(), gaps.getLast().to());
    }
    return first.to() > first.from() ? Said.of("alert.sequence-gap-range", device, first.from(), first.to())
        : Said.of("alert.sequence-gap", device, first.from());
  }

  private static Said printerWords(String state) {
    return Said.of(switch (state) {
      case "paper-out", "paper-near-end", "cover-open", "disconnected" -> "printer." + state;
      default -> "printer.other";
    });
  }

  /** "3 j 2 h en avance": days and hours, or hours and minutes below a day, or minutes. */
  static Said offsetWords(ClockOffset offset) {
    // To the nearest minute: the measure carries the network's milliseconds (3 d 2 h is measured 3 d 1 h 59 min 59 s).
    Duration off = offset.measured().abs().plusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    Said amount = off.toDays() > 0 ? Said.of("duration.days-hours", off.toDays(), off.toHoursPart())
        : off.toHours() > 0 ? Said.of("duration.hours-minutes", off.toHours(), off.toMinutesPart())
        : Said.of("duration.minutes", off.toMinutes());
    return Said.of(offset.measured().isNegative() ? "clock.behind" : "clock.ahead", amount);
  }

  private static Said readerWords(String state) {
    return switch (state) {
      case "degraded", "down" -> Said.of("reader." + state);
      default -> Said.of("reader.other", state);
    };
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
