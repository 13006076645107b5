package fr.navette.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * A device's periodic health report, also served on its local HTTP endpoint for systemd's watchdog.
 * {@code header.sequence} is the device's high-water mark (the last sequence it stored): health is published
 * live, never queued in the outbox.
 *
 * @param outboxOldestAgeSeconds age of the oldest event waiting, 0 when the outbox is empty
 * @param lastError the last error the device met, already free of secrets and patron ids
 * @param printerState since 1.1: the receipt printer's state ({@code NONE}: the device has none)
 */
public record HealthEvent(EventHeader header, long uptimeSeconds, long outboxDepth, long outboxOldestAgeSeconds,
                          ReaderState readerState, boolean brokerConnected, Optional<String> lastError,
                          PrinterState printerState)
    implements Event {
  public enum ReaderState { OK, DEGRADED, DOWN, NONE }

  /**
   * Since 1.3, {@code lastError} starting with this says the device found its outbox corrupt at start and set it
   * aside (kept for analysis; the events it had not sent are lost with it), then the name the file was kept under.
   * The device says it for a day; the hub raises one alert per file kept.
   */
  public static final String OUTBOX_SET_ASIDE = "outbox-corrupt: ";

  /**
   * A kiosk's receipt printer: {@code PAPER_NEAR_END} still prints (change the roll soon); {@code PAPER_OUT},
   * {@code COVER_OPEN}, {@code OFFLINE} (switched off, not answering, in error) and {@code DISCONNECTED}
   * (unplugged) do not.
   */
  public enum PrinterState { OK, PAPER_NEAR_END, PAPER_OUT, COVER_OPEN, OFFLINE, DISCONNECTED, NONE }

  /** A device without a receipt printer (gates, return boxes), as before 1.1. */
  public HealthEvent(EventHeader header, long uptimeSeconds, long outboxDepth, long outboxOldestAgeSeconds,
                     ReaderState readerState, boolean brokerConnected, Optional<String> lastError) {
    this(header, uptimeSeconds, outboxDepth, outboxOldestAgeSeconds, readerState, brokerConnected, lastError,
        PrinterState.NONE);
  }

  public HealthEvent {
    Objects.requireNonNull(header, "header");
    Fields.requireRange("uptimeSeconds", uptimeSeconds, 0, Limits.SECONDS);
    Fields.requireRange("outboxDepth", outboxDepth, 0, Limits.COUNT);
    Fields.requireRange("outboxOldestAgeSeconds", outboxOldestAgeSeconds, 0, Limits.SECONDS);
    Objects.requireNonNull(readerState, "readerState");
    lastError = Fields.cut(lastError, Limits.FREE_TEXT);
    Objects.requireNonNull(printerState, "printerState");
  }

  @Override
  public Channel channel() {
    return Channel.HEALTH;
  }
}
