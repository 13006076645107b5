package fr.navette.agent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a long-running process (a device's agent, the hub, a simulator) wait for Ctrl-C or SIGTERM and still close its parts before the JVM exits.
 * Open it first in the try-with-resources, so that it closes last:
 * {@code try (var signal = ShutdownSignal.install(); var hub = ...) { signal.await(); }}. The shutdown hook
 * wakes {@link #await()} and then waits (30 s at most) for {@link #close()}.
 */
public final class ShutdownSignal implements AutoCloseable {
  private final CountDownLatch signalled = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);

  private ShutdownSignal() {}

  public static ShutdownSignal install() {
    ShutdownSignal signal = new ShutdownSignal();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      signal.signalled.countDown();
      try {
        signal.closed.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "navette-shutdown"));
    return signal;
  }

  public void await() throws InterruptedException {
    signalled.await();
  }

  @Override
  public void close() {
    closed.countDown();
  }
}
