package fr.navette.launcher;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a long-running command wait for Ctrl-C or SIGTERM and still close its parts before the JVM exits.
 * Open it first in the try-with-resources, so that it closes last:
 * {@code try (var signal = ShutdownSignal.install(); var hub = ...) { signal.await(); }}. The shutdown hook
 * wakes {@link #await()} and then waits (30 s at most) for {@link #close()}.
 */
final class ShutdownSignal implements AutoCloseable {
  private final CountDownLatch signalled = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);

  private ShutdownSignal() {}

  static ShutdownSignal install() {
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

  void await() throws InterruptedException {
    signalled.await();
  }

  @Override
  public void close() {
    closed.countDown();
  }
}
