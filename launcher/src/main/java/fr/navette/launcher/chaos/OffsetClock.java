package fr.navette.launcher.chaos;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A device's clock: the true time off by an amount the run sets (a Pi without RTC after a power cut), then puts right. */
final class OffsetClock extends Clock {
  private volatile Duration offset = Duration.ZERO;

  void set(Duration newOffset) {
    offset = newOffset;
  }

  Duration offset() {
    return offset;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("UTC only");
  }
}
