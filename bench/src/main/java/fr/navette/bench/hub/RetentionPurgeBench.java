package fr.navette.bench.hub;

import fr.navette.hub.audit.AuditLog;
import fr.navette.hub.kiosks.KioskSecurity;
import fr.navette.hub.kiosks.PinAttempts;
import fr.navette.hub.privacy.PatronKeys;
import fr.navette.hub.privacy.Retention;
import fr.navette.hub.privacy.RetentionPurge;
import fr.navette.hub.privacy.SubjectAccess;
import fr.navette.hub.store.Database;
import fr.navette.sim.devices.SteppedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The retention purge (CNIL NS-009) and the subject access at the reference network's size: a store seeded with a
 * year of the 15-branch network by {@link ConsoleBench#seed} (the same year: gate counts, kiosk loans, renewals,
 * returns and alarms, arriving in no time order, through the hub's own EventStore), then, with the hub's clock in
 * hand:
 *
 * <ol>
 *   <li>subject access ({@link SubjectAccess#find}) for R patrons of the year, one at a time;
 *   <li>the first purge on that store, never purged (the catch-up: every loan ended more than the retention ago);
 *   <li>the purge of the first of the next month (a month of loans' links to remove);
 *   <li>the purge of the day after (a daily run: nothing more to remove, as on most days).
 * </ol>
 *
 * <p>Loans still linked are counted before and after each. {@code --data DIR} keeps the seeded store (a second run
 * measures without seeding: the purge has then already run on it, so delete the folder to measure it again).
 *
 * <pre>java -cp "target/bench-0.1.0-SNAPSHOT.jar:target/lib/*" fr.navette.bench.hub.RetentionPurgeBench
 *     --data /tmp/retention [--events 1000000] [--patrons 30] [--skip-purge true]</pre>
 */
public final class RetentionPurgeBench {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private RetentionPurgeBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    Path data = Path.of(options.getOrDefault("--data", "target/retention-bench"));
    int events = Integer.parseInt(options.getOrDefault("--events", "1000000"));
    int patrons = Integer.parseInt(options.getOrDefault("--patrons", "30"));
    boolean skipPurge = Boolean.parseBoolean(options.getOrDefault("--skip-purge", "false"));
    Path db = data.resolve("hub.db");
    Instant now = Instant.now();
    if (!Files.exists(db)) {
      long t0 = System.nanoTime();
      ConsoleBench.Counts seeded = ConsoleBench.seed(db, events, 0, now);
      System.out.printf("seeded %s in %.0f s: %s (%d MiB)%n", db, (System.nanoTime() - t0) / 1e9, seeded,
          Files.size(db) >> 20);
    } else {
      System.out.println("store already seeded: " + db + " (" + (Files.size(db) >> 20) + " MiB)");
    }
    SteppedClock clock = new SteppedClock(now);
    long opening = System.nanoTime();
    try (Database store = Database.open("jdbc:sqlite:" + db.toAbsolutePath(), null, null)) {
      System.out.printf("store opened (and migrated if it had to be) in %.1f s; loans and renewals still linked: %d%n",
          (System.nanoTime() - opening) / 1e9, linked(store));
      AuditLog audit = new AuditLog(store, clock);
      PatronKeys keys = new PatronKeys(store, ConsoleBench.PATRONS, clock, audit);

      SubjectAccess access = new SubjectAccess(store, new PinAttempts(KioskSecurity.defaults(), clock), c -> c);
      Random random = new Random(5);
      long[] took = new long[patrons];
      int held = 0;
      for (int i = -2; i < patrons; i++) { // two not counted
        String card = "0" + (10_000_000 + random.nextInt(150_000));
        List<String> pseudonyms = List.of(ConsoleBench.PATRONS.of(card));
        long t0 = System.nanoTime();
        int found = access.find(pseudonyms, Optional.empty()).size();
        if (i >= 0) {
          took[i] = System.nanoTime() - t0;
          held += found;
        }
      }
      Arrays.sort(took);
      System.out.printf("subject access, %d patrons: p50 %.1f ms, max %.1f ms (%.1f things held each on average)%n",
          patrons, took[patrons / 2] / 1e6, took[patrons - 1] / 1e6, (double) held / patrons);
      if (skipPurge) {
        return;
      }

      RetentionPurge purge = new RetentionPurge(store, keys, audit, Retention.cnil(), clock, PARIS);
      run("first purge (catch-up of a year never purged)", purge, store);
      LocalDate firstOfNextMonth = LocalDate.ofInstant(now, PARIS).with(TemporalAdjusters.firstDayOfNextMonth());
      clock.advance(Duration.between(clock.instant(), firstOfNextMonth.atTime(3, 0).atZone(PARIS).toInstant()));
      run("purge of the 1st of the next month (a month of links)", purge, store);
      clock.advance(Duration.ofDays(1));
      run("daily purge (the day after)", purge, store);
    }
  }

  private static void run(String what, RetentionPurge purge, Database store) throws Exception {
    long t0 = System.nanoTime();
    RetentionPurge.Result result = purge.purge();
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("%s: %.2f s, %d links removed (ended before %s), %d still linked%n", what, seconds,
        result.linksRemoved(), result.endedBefore(), linked(store));
  }

  /** Loans and renewals whose payload still names a patron (read the same way whatever the purge's version). */
  private static long linked(Database store) throws Exception {
    try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM events WHERE channel IN ('checkout', 'renew')"
             + " AND payload LIKE '%\"patronRef\"%'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
