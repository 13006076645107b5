package fr.navette.hub.intake;

import java.util.concurrent.atomic.LongAdder;

/**
 * What ingest did with what it was sent since the hub started, for the admin: every message ends in exactly one
 * of these, so that sent = stored + duplicates + quarantined + refused.
 */
public final class IngestCounts {
  final LongAdder stored = new LongAdder();
  final LongAdder duplicates = new LongAdder();
  final LongAdder quarantined = new LongAdder();
  final LongAdder refusedTopic = new LongAdder();
  final LongAdder refusedBusy = new LongAdder();
  final LongAdder refusedNotStored = new LongAdder();

  /** A snapshot. */
  public record Snapshot(long stored, long duplicates, long quarantined, long refusedTopic, long refusedBusy,
                         long refusedNotStored) {}

  public Snapshot snapshot() {
    return new Snapshot(stored.sum(), duplicates.sum(), quarantined.sum(), refusedTopic.sum(), refusedBusy.sum(),
        refusedNotStored.sum());
  }
}
