package fr.navette.gate.alarm;

import fr.navette.gpio.DigitalOut;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the light and buzzer through a pattern. {@link #fire} switches the outputs on in the caller's thread
 * before it returns (the reading loop: no hop between the tag read and the line set); the rest of the pattern
 * runs on a timer thread of its own. A new alarm during one restarts the pattern; {@link #silence} ends it.
 */
public final class AlarmOutputs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlarmOutputs.class);

  private final List<DigitalOut> outputs;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().name("gate-alarm-pattern").daemon(true).unstarted(r));
  private final Object lock = new Object();
  private long generation;
  private volatile boolean sounding;

  public AlarmOutputs(List<DigitalOut> outputs) {
    this.outputs = List.copyOf(outputs);
  }

  /** Outputs on now, then the pattern. */
  public void fire(AlarmPattern pattern) {
    long gen;
    synchronized (lock) {
      gen = ++generation;
      set(true);
    }
    schedule(gen, pattern, System.nanoTime(), pattern.nextChangeAfter(Duration.ZERO));
  }

  /** Light and buzzer steady for {@code length} (staff checking the gate works). */
  public void test(Duration length) {
    fire(AlarmPattern.steady(length));
  }

  /** Ends the alarm sounding now. A tag armed and read again after its hold-off fires again. */
  public void silence() {
    synchronized (lock) {
      generation++;
      set(false);
    }
  }

  public boolean sounding() {
    return sounding;
  }

  private void schedule(long gen, AlarmPattern pattern, long startNanos, Duration at) {
    long delay = startNanos + at.toNanos() - System.nanoTime();
    timer.schedule(() -> step(gen, pattern, startNanos, at), Math.max(0, delay), TimeUnit.NANOSECONDS);
  }

  private void step(long gen, AlarmPattern pattern, long startNanos, Duration at) {
    synchronized (lock) {
      if (gen != generation) {
        return; // silenced or restarted meanwhile
      }
      boolean on = pattern.onAt(at);
      set(on);
      if (at.compareTo(pattern.length()) >= 0) {
        return;
      }
    }
    schedule(gen, pattern, startNanos, pattern.nextChangeAfter(at));
  }

  private void set(boolean on) {
    for (DigitalOut out : outputs) {
      try {
        out.set(on);
      } catch (RuntimeException e) {
        // one broken output must not keep the other silent
        LOG.error("alarm output {} could not be switched {}: {}", out.name(), on ? "on" : "off", e.getMessage());
      }
    }
    sounding = on;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    silence();
  }
}
