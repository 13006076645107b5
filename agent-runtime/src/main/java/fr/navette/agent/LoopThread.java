package fr.navette.agent;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread a device's loop runs on, named and a daemon, until closed. The loop asks {@link #running()}
 * before each turn. {@link #close()} clears it and interrupts the thread (out of a park, a wait or a sleep), then
 * waits at most five seconds for the turn in progress: a call that swallows the interrupt (an MQTT or serial
 * one) ends at its own timeout, and the flag stops the loop then. Plain JDK executors do not fit: their
 * {@code close()} waits without bound and interrupts nothing.
 */
public final class LoopThread implements AutoCloseable {
  private static final Duration JOIN_AT_MOST = Duration.ofSeconds(5);

  private final Thread thread;
  private volatile boolean running = true;

  public LoopThread(String name, Runnable loop) {
    this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(loop);
  }

  public void start() {
    thread.start();
  }

  /** False once {@link #close()} is called: the loop ends its turn and returns. */
  public boolean running() {
    return running;
  }

  /** Wakes the loop out of {@link LockSupport#parkNanos}, to do something now rather than at the next turn. */
  public void unpark() {
    LockSupport.unpark(thread);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      // join(long), not join(Duration): the latter throws for a thread never started (a close after a failed start).
      thread.join(JOIN_AT_MOST.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
