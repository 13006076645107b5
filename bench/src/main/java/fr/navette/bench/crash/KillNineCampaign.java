package fr.navette.bench.crash;

import fr.navette.agent.SqliteOutbox;
import fr.navette.hub.store.Database;
import fr.navette.schema.EventCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kill -9 campaign (issue 18, power cuts and crashes): a real process writes to a real store (the device's
 * outbox, or the hub's SQLite store) and prints each sequence number once its commit returned; it is killed with
 * SIGKILL at a random point (a tenth of the rounds during its start: open, integrity check, migrations), restarted
 * as the device or hub would be (the same open, its integrity check must pass), and every acknowledged event must be
 * there exactly once; {@code PRAGMA integrity_check} (the full one) runs after each kill too.
 *
 * <pre>java -cp "target/bench-0.1.0-SNAPSHOT.jar:target/lib/*" fr.navette.bench.crash.KillNineCampaign outbox|hub ROUNDS [DIR] [SEED]</pre>
 *
 * A SIGKILL loses nothing the kernel has (the page cache survives the process): this campaign proves the commits and
 * the restart path, not the disk's fsync; a power cut needs a machine whose power one cuts (or a VM killed hard).
 */
public final class KillNineCampaign {
  /** A fresh store every so many rounds: a store that grows for ever makes the later rounds' checks slower only. */
  static final int ROUNDS_PER_FILE = 100;
  private static final Pattern ACK = Pattern.compile("^ack (\\d+) \\.$");

  /** What the campaign saw. */
  public record Result(String target, int rounds, int kills, int killsDuringStart, long acknowledged,
                       long lost, long duplicated, int integrityFailures, long keptUnacknowledged, int writerDied,
                       double seconds, List<String> problems) {
    public boolean clean() {
      return lost == 0 && duplicated == 0 && integrityFailures == 0 && writerDied == 0 && kills == rounds;
    }

    @Override
    public String toString() {
      return String.format("%s: %d rounds, %d kills (%d during start), %d events acknowledged, lost %d, duplicated %d,"
          + " integrity failures %d, writer died by itself %d; committed but not yet acknowledged at the kill and kept:"
          + " %d; %.1f s (%.2f s a round)%s", target, rounds, kills, killsDuringStart, acknowledged, lost, duplicated,
          integrityFailures, writerDied, keptUnacknowledged, seconds, seconds / Math.max(1, rounds),
          problems.isEmpty() ? "" : "\n  " + String.join("\n  ", problems));
    }
  }

  private KillNineCampaign() {}

  public static void main(String[] args) throws Exception {
    String target = args[0];
    int rounds = Integer.parseInt(args[1]);
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("navette-k9-");
    long seed = args.length > 3 ? Long.parseLong(args[3]) : System.nanoTime();
    System.out.println("kill -9 campaign on the " + target + ", " + rounds + " rounds in " + dir + ", seed " + seed);
    Result result = run(target, rounds, dir, seed, System.out);
    System.out.println(result);
    System.exit(result.clean() ? 0 : 1);
  }

  public static Result run(String target, int rounds, Path dir, long seed, PrintStream log) throws Exception {
    if (!target.equals("outbox") && !target.equals("hub")) {
      throw new IllegalArgumentException("target: outbox or hub, not " + target);
    }
    Files.createDirectories(dir);
    Random random = new Random(seed);
    long started = System.nanoTime();
    int kills = 0;
    int killsDuringStart = 0;
    int integrityFailures = 0;
    int writerDied = 0;
    long acknowledged = 0;
    long lost = 0;
    long duplicated = 0;
    long keptUnacknowledged = 0;
    List<String> problems = new ArrayList<>();
    Set<Long> acked = new HashSet<>();
    long unacknowledgedInFile = 0;
    Path file = null;
    for (int round = 1; round <= rounds; round++) {
      if ((round - 1) % ROUNDS_PER_FILE == 0) {
        file = dir.resolve(target + "-" + ((round - 1) / ROUNDS_PER_FILE + 1) + ".db");
        for (String suffix : List.of("", "-wal", "-shm", ".sequence")) {
          Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
        acked.clear();
        unacknowledgedInFile = 0;
      }
      Writer writer = Writer.start(target, file, dir.resolve("writer-" + target + ".err"));
      boolean duringStart = random.nextInt(10) == 0;
      if (duringStart) {
        Thread.sleep(random.nextInt(1500)); // a random point of the start: JVM, open, integrity check, migrations
      } else {
        writer.awaitReady();
        Thread.sleep(random.nextInt(400)); // a random point of the writing
      }
      boolean alive = writer.process.isAlive();
      writer.process.destroyForcibly(); // SIGKILL
      writer.process.waitFor(30, TimeUnit.SECONDS);
      List<Long> acks = writer.acks();
      if (alive) {
        kills++;
        if (!writer.ready) {
          killsDuringStart++;
        }
      } else {
        writerDied++;
        problems.add("round " + round + ": the writer ended before the kill (exit " + writer.process.exitValue()
            + "; see " + dir.resolve("writer-" + target + ".err") + ")");
      }
      if (writer.setAside != null) {
        integrityFailures++;
        problems.add("round " + round + ": the outbox was set aside at open: " + writer.setAside);
      }
      acked.addAll(acks);
      acknowledged += acks.size();

      // The restart: the same open as the device or the hub, with its integrity check, then the full check.
      Check check;
      try {
        check = reopen(target, file);
        String integrity = integrityCheck(file);
        if (!integrity.equals("ok")) {
          integrityFailures++;
          problems.add("round " + round + ": integrity_check: " + integrity);
        }
      } catch (RuntimeException | SQLException e) {
        integrityFailures++;
        problems.add("round " + round + ": the store does not open after the kill: " + e.getMessage());
        acked.clear(); // counted once; the next round's file starts fresh
        unacknowledgedInFile = 0;
        file = dir.resolve(target + "-r" + round + ".db");
        continue;
      }
      for (long sequence : acked) {
        int copies = check.copies.getOrDefault(sequence, 0);
        if (copies == 0) {
          lost++;
          problems.add("round " + round + ": acknowledged event " + sequence + " is missing");
        } else if (copies > 1) {
          duplicated++;
          problems.add("round " + round + ": acknowledged event " + sequence + " is there " + copies + " times");
        }
      }
      acked.removeIf(s -> !check.copies.containsKey(s)); // a loss is counted once
      // Rows committed whose "ack" the kill cut off: kept (the writer never said they were), never reused.
      long unacknowledged = check.copies.size() - acked.size();
      keptUnacknowledged += unacknowledged - unacknowledgedInFile;
      unacknowledgedInFile = unacknowledged;
      if (round % 50 == 0 || round == rounds) {
        log.printf("round %d: %d kills, %d acknowledged, lost %d, duplicated %d, integrity failures %d, %.0f s%n",
            round, kills, acknowledged, lost, duplicated, integrityFailures, (System.nanoTime() - started) / 1e9);
      }
    }
    return new Result(target, rounds, kills, killsDuringStart, acknowledged, lost, duplicated, integrityFailures,
        keptUnacknowledged, writerDied, (System.nanoTime() - started) / 1e9, problems);
  }

  /** The events in the store after a restart: sequence → how many rows carry it. */
  private record Check(Map<Long, Integer> copies) {}

  private static Check reopen(String target, Path file) throws SQLException {
    Map<Long, Integer> copies = new HashMap<>();
    if (target.equals("outbox")) {
      try (SqliteOutbox outbox = SqliteOutbox.open(file, CrashWriter.DEVICE, Clock.systemUTC())) {
        if (outbox.setAside().isPresent()) {
          throw new IllegalStateException("set aside as corrupt: " + outbox.setAside().get().problem());
        }
      }
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
           Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT sequence, payload FROM outbox")) {
        while (rs.next()) {
          long sequence = rs.getLong(1);
          // the row's own event: its header and item carry the number it was acknowledged under
          var event = EventCodec.decodeReturn(rs.getBytes(2));
          if (event.header().sequence() != sequence || !event.itemId().equals(CrashWriter.item(sequence))) {
            throw new IllegalStateException("row " + sequence + " holds event " + event.header().sequence()
                + " / " + event.itemId());
          }
          copies.merge(sequence, 1, Integer::sum);
        }
      }
    } else {
      try (Database db = Database.sqlite(file)) {
        db.inTransaction(c -> {
          try (Statement st = c.createStatement();
               ResultSet rs = st.executeQuery("SELECT sequence, COUNT(*) FROM events GROUP BY sequence")) {
            while (rs.next()) {
              copies.put(rs.getLong(1), rs.getInt(2));
            }
          }
          return null;
        });
      }
    }
    return new Check(copies);
  }

  private static String integrityCheck(Path file) throws SQLException {
    List<String> said = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check(5)")) {
      while (rs.next()) {
        said.add(rs.getString(1));
      }
    }
    return String.join("; ", said);
  }

  /** The writing process and what it printed. */
  private static final class Writer {
    final Process process;
    final List<String> lines = new ArrayList<>();
    final Thread reader;
    volatile boolean ready;
    volatile String setAside;

    private Writer(Process process) {
      this.process = process;
      this.reader = Thread.ofPlatform().daemon(true).start(this::read);
    }

    static Writer start(String target, Path file, Path errors) throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      // C1 only: the writer lives for a second or two, and this is about crashes, not speed.
      Process process = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto",
          "--enable-native-access=ALL-UNNAMED", "-Dlogback.configurationFile=bench-logback.xml",
          "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), target, file.toString()))
          .redirectError(errors.toFile()).start();
      return new Writer(process);
    }

    private void read() {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.US_ASCII))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.equals("ready")) {
            ready = true;
            synchronized (this) {
              notifyAll();
            }
          } else if (line.startsWith("set-aside ")) {
            setAside = line;
          } else {
            synchronized (lines) {
              lines.add(line);
            }
          }
        }
      } catch (IOException e) {
        // the pipe closes with the process
      }
      synchronized (this) {
        notifyAll();
      }
    }

    synchronized void awaitReady() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!ready && process.isAlive() && System.nanoTime() < deadline) {
        wait(1000);
      }
    }

    /** The sequence numbers acknowledged: whole lines only (a line cut by the kill does not count). */
    List<Long> acks() throws InterruptedException {
      reader.join(TimeUnit.SECONDS.toMillis(30));
      List<Long> acks = new ArrayList<>();
      synchronized (lines) {
        for (String line : lines) {
          Matcher m = ACK.matcher(line);
          if (m.matches()) {
            acks.add(Long.parseLong(m.group(1)));
          }
        }
      }
      return acks;
    }
  }
}
