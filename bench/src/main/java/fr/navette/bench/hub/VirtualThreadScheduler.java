package fr.navette.bench.hub;

import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The executor the driver hands every Paho client. Paho runs its receiver, sender and callback loops through
 * {@code execute}/{@code submit} (each blocks on its socket or queue for the life of the connection); without
 * an executor it starts three platform threads and a ping timer thread per client — 4,000 threads for 1,000
 * devices on 2 cores. Here the loops are virtual threads (blocking socket reads unmount them; since JDK 24
 * {@code synchronized} no longer pins them) and the keep-alive pings share one timer thread.
 */
final class VirtualThreadScheduler extends ScheduledThreadPoolExecutor {
  VirtualThreadScheduler() {
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
}
