package fr.navette.hub.alarms;

import fr.navette.hub.alarms.AlarmStore.Alarm;
import fr.navette.hub.alarms.AlarmStore.Logged;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Gate alarms pushed live to the staff screens watching them, as soon as they are stored (first "pending",
 * then again once the SIGB's answer says whether the document was borrowed), and each acknowledgement, so that a
 * second librarian does not run for an alarm a first one took. A watcher that falls behind by
 * more than {@value #BACKLOG} alarms is dropped: its screen reconnects and reloads the list, which is the truth.
 */
public final class AlarmFeed implements AutoCloseable {
  static final int BACKLOG = 256;

  private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** What a screen is told: {@code alarm} (new or enriched) or {@code acknowledged}, with the alarm as it now is. */
  public record News(String event, Logged logged) {
    public static final String ALARM = "alarm";
    public static final String ACKNOWLEDGED = "acknowledged";

    public String site() {
      return logged.alarm().site();
    }
  }

  /** One screen's stream of alarms. Close it when the screen goes away. */
  public final class Watcher implements AutoCloseable {
    // Optional.empty() is the wake-up call: the feed closed or this watcher was dropped.
    private final BlockingQueue<Optional<News>> queue = new ArrayBlockingQueue<>(BACKLOG + 1);
    private volatile boolean dropped;

    /**
     * The next news, or empty when none came within {@code wait} (time for a keep-alive).
     *
     * @throws InterruptedException also when the feed closed or this watcher fell behind: stop watching
     */
    public Optional<News> next(Duration wait) throws InterruptedException {
      Optional<News> alarm = dropped || closed ? Optional.empty() : queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
      if (dropped || closed) {
        throw new InterruptedException(closed ? "the hub is stopping" : "fell behind, reload");
      }
      return alarm == null ? Optional.empty() : alarm;
    }

    private void wakeUpToStop(boolean fellBehind) {
      dropped |= fellBehind;
      queue.clear();
      queue.offer(Optional.empty());
    }

    @Override
    public void close() {
      watchers.remove(this);
    }
  }

  public Watcher watch() {
    Watcher watcher = new Watcher();
    watchers.add(watcher);
    return watcher;
  }

  /** Hands a stored alarm to every watcher; never blocks the caller (the hub's alarm worker). */
  public void publish(Alarm alarm) {
    publish(new News(News.ALARM, new Logged(alarm, null)));
  }

  /** Tells every watcher that staff took this alarm (who, when, how it ended). */
  public void acknowledged(Logged logged) {
    publish(new News(News.ACKNOWLEDGED, logged));
  }

  private void publish(News news) {
    for (Watcher watcher : watchers) {
      if (watcher.queue.remainingCapacity() <= 1 || !watcher.queue.offer(Optional.of(news))) {
        watchers.remove(watcher);
        watcher.wakeUpToStop(true);
      }
    }
  }

  public int watching() {
    return watchers.size();
  }

  @Override
  public void close() {
    closed = true;
    watchers.forEach(watcher -> watcher.wakeUpToStop(false));
    watchers.clear();
  }
}
