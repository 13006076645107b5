package fr.navette.mqtt;

import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The executor handed to Paho clients that asked for {@link MqttSettings#virtualThreads()}. Paho runs its receiver,
 * sender and callback loops through {@code execute}/{@code submit} (each blocks on its socket or queue for the
 * life of the connection); without an executor it starts three platform threads and a ping timer thread per
 * client — 4,000 threads for 1,000 devices on 2 cores. Here the loops are virtual threads (blocking socket reads
 * unmount them; since JDK 24 {@code synchronized} no longer pins them) and keep-alive pings share one timer thread,
 * for every such session of the process.
 */
final class VirtualThreadScheduler extends ScheduledThreadPoolExecutor {
  static final VirtualThreadScheduler SHARED = new VirtualThreadScheduler();

  private VirtualThreadScheduler() {
    super(1, Thread.ofPlatform().name("paho-timer").daemon(true).factory());
  }

  @Override
  public void execute(Runnable command) {
    Thread.ofVirtual().name("paho").start(command);
  }

  @Override
  public Future<?> submit(Runnable task) {
    FutureTask<Void> future = new FutureTask<>(task, null);
    Thread.ofVirtual().name("paho").start(future);
    return future;
  }

  @Override
  public void shutdown() {
    // shared by every session of the process: a closing client must not stop the others' pings
  }

  @Override
  public java.util.List<Runnable> shutdownNow() {
    return java.util.List.of();
  }
}
