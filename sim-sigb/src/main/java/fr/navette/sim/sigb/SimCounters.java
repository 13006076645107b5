package fr.navette.sim.sigb;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What the simulator saw, for tests and benchmarks to assert on. */
final class SimCounters {
  final AtomicLong requests = new AtomicLong();
  final LongAdder resendsServed = new LongAdder();
  final LongAdder resendsAsked = new LongAdder();
  final LongAdder idleDrops = new LongAdder();
}
