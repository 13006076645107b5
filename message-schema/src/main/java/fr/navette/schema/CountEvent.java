package fr.navette.schema;

import java.time.Instant;
import java.util.Objects;

/**
 * People a gate counted over {@code [periodStart, periodEnd)}. When the outbox's backlog is huge, counts are
 * the only events merged: {@code aggregated} is how many original count events this one sums (1 when none
 * were merged), so the hub can tell the sequence numbers it will never see were merged, not lost.
 */
public record CountEvent(EventHeader header, Instant periodStart, Instant periodEnd, long entries, long exits,
                         long aggregated) implements Event {
  public CountEvent {
    Objects.requireNonNull(header, "header");
    Fields.requireInstant("periodStart", periodStart);
    Fields.requireInstant("periodEnd", periodEnd);
    if (periodEnd.isBefore(periodStart)) {
      throw new SchemaException("periodEnd", "before periodStart");
    }
    Fields.requireRange("entries", entries, 0, Limits.COUNT);
    Fields.requireRange("exits", exits, 0, Limits.COUNT);
    Fields.requireRange("aggregated", aggregated, 1, Limits.COUNT);
  }

  /** This count and a later one as one, under this one's header. */
  public CountEvent plus(CountEvent later) {
    Instant start = periodStart.isBefore(later.periodStart) ? periodStart : later.periodStart;
    Instant end = periodEnd.isAfter(later.periodEnd) ? periodEnd : later.periodEnd;
    return new CountEvent(header, start, end, entries + later.entries, exits + later.exits,
        aggregated + later.aggregated);
  }

  @Override
  public Channel channel() {
    return Channel.COUNT;
  }
}
