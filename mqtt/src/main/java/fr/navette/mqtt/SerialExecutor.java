package fr.navette.mqtt;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a virtual thread started when work arrives and gone when
 * none is left: a session's handler thread costs nothing while idle, which matters for a bench fleet of 1,000
 * sessions. A task that throws is logged and the next one runs.
 */
final class SerialExecutor implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final String name;
  private volatile boolean closed;

  SerialExecutor(String name) {
    this.name = name;
  }

  @Override
  public void execute(Runnable task) {
    if (closed) {
      return;
    }
    tasks.add(task);
    if (draining.compareAndSet(false, true)) {
      Thread.ofVirtual().name(name).start(this::drain);
    }
  }

  private void drain() {
    do {
      Runnable task;
      while (!closed && (task = tasks.poll()) != null) {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.error("{}: a task failed: {}", name, e.toString(), e);
        }
      }
      draining.set(false);
      // A task added between the last poll and the flag's reset would wait for the next one: take it now.
    } while (!closed && !tasks.isEmpty() && draining.compareAndSet(false, true));
  }

  /** Drops what is queued and runs nothing more. */
  void close() {
    closed = true;
    tasks.clear();
  }
}
