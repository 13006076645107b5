package fr.navette.bench.hub;

import fr.navette.hub.events.EventStore;
import fr.navette.hub.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What the "sent" mark (issue 19, V22) costs a return: one committed UPDATE of the event's row right before its
 * checkin (09) leaves for the SIGB. Claims returns as the worker does, then times {@link EventStore#markSigbSent} on
 * each — the write added to the hot path, nothing else. SQLite in a temporary folder, or with {@code --postgres}
 * the machine's PostgreSQL ({@code test} at 127.0.0.1:5432), in a schema of its own dropped at the end.
 *
 * <pre>java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" fr.navette.bench.hub.SentMarkBench
 *     [--events 5000] [--postgres]</pre>
 */
public final class SentMarkBench {
  private SentMarkBench() {}

  public static void main(String[] args) throws Exception {
    int events = Integer.parseInt(HubProcess.arg(args, "--events", "5000"));
    boolean postgres = Arrays.asList(args).contains("--postgres");
    String schema = "sentmark_" + Long.toString(System.nanoTime(), 36);
    if (postgres) {
      try (Connection pg = DriverManager.getConnection(ScaleOutBench.PG_URL, ScaleOutBench.PG_USER, null);
           Statement st = pg.createStatement()) {
        st.execute("CREATE SCHEMA " + schema);
      }
    }
    String url = postgres ? ScaleOutBench.PG_URL + "?currentSchema=" + schema : "";
    Path dir = Files.createTempDirectory("sent-mark");
    try (Database db = postgres ? Database.open(url, ScaleOutBench.PG_USER, null)
        : Database.sqlite(dir.resolve("hub.db"))) {
      long now = System.currentTimeMillis();
      String run = Long.toString(now, 36);
      for (int from = 0; from < events; from += 500) {
        int first = from;
        db.inTransaction(c -> {
          try (PreparedStatement st = c.prepareStatement("""
              INSERT INTO events (event_id, site, device_id, channel, sequence, device_time, received_at, payload,
                                  status, next_attempt_at)
              VALUES (?, 'BR01', ?, 'return', ?, ?, ?, '{}', 'pending', ?)""")) {
            for (int i = first; i < Math.min(first + 500, events); i++) {
              st.setString(1, run + "-" + i);
              st.setString(2, "box-bench-" + run);
              st.setLong(3, i + 1);
              st.setLong(4, now);
              st.setLong(5, now + i);
              st.setLong(6, now - 1);
              st.addBatch();
            }
            return st.executeBatch().length;
          }
        });
      }
      EventStore store = new EventStore(db, Clock.systemUTC(), "bench");
      long[] nanos = new long[events];
      int n = 0;
      while (n < events) {
        List<EventStore.StoredEvent> claimed = store.claimDue("return", 100, Duration.ofMinutes(2));
        if (claimed.isEmpty()) {
          break;
        }
        for (EventStore.StoredEvent e : claimed) {
          long t = System.nanoTime();
          store.markSigbSent(e.eventId());
          nanos[n++] = System.nanoTime() - t;
        }
      }
      long[] measured = Arrays.copyOf(nanos, n);
      // The first thousand warm the JIT and the store's pages; the rest is what a running hub pays.
      long[] steady = Arrays.copyOfRange(measured, Math.min(1000, n / 2), n);
      Arrays.sort(steady);
      System.out.printf("%s: %d marks timed (after %d to warm up): median %.3f ms, p99 %.3f ms, max %.3f ms%n",
          postgres ? "PostgreSQL" : "SQLite", steady.length, n - steady.length, steady[steady.length / 2] / 1e6,
          steady[(int) (steady.length * 0.99)] / 1e6, steady[steady.length - 1] / 1e6);
    } finally {
      if (postgres) {
        try (Connection pg = DriverManager.getConnection(ScaleOutBench.PG_URL, ScaleOutBench.PG_USER, null);
             Statement st = pg.createStatement()) {
          st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
      }
    }
  }
}
