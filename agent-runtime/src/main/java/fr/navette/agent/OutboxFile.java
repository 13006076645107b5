package fr.navette.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The outbox's SQLite file as a file: is it sound, and moving it aside when it is not. */
final class OutboxFile {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private OutboxFile() {}

  /**
   * Runs {@code PRAGMA quick_check} on a read-only connection: a read-write one checkpoints the WAL into the file
   * and deletes it when it closes, which would change what is kept for analysis (the WAL holds the newest events).
   *
   * @throws Corrupt when SQLite finds the file corrupt or not a database
   */
  static void check(Path file) throws SQLException, Corrupt, IOException {
    if (!Files.exists(file) || Files.size(file) == 0) {
      return; // a new outbox
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(5000);
    List<String> problems = new ArrayList<>();
    try (Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
         Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("PRAGMA quick_check(3)")) {
      while (rs.next()) {
        problems.add(rs.getString(1));
      }
    } catch (SQLException e) {
      if (!corruption(e)) {
        throw e;
      }
      problems.add(e.getMessage()); // not a database at all, or too broken to list what is wrong
    }
    if (!problems.equals(List.of("ok"))) {
      throw new Corrupt("quick_check: " + String.join("; ", problems).replaceAll("\\s+", " ").strip());
    }
  }

  // SQLITE_CORRUPT and SQLITE_NOTADB (and their extended codes): the file, not the disk nor the rights.
  static boolean corruption(SQLException e) {
    int primary = (e instanceof SQLiteException s ? s.getResultCode().code : e.getErrorCode()) & 0xFF;
    return primary == SQLiteErrorCode.SQLITE_CORRUPT.code || primary == SQLiteErrorCode.SQLITE_NOTADB.code;
  }

  static Path moveAside(Path file, Clock clock) throws IOException {
    String base = file.getFileName() + ".corrupt-" + STAMP.format(clock.instant());
    Path keptAs = file.resolveSibling(base);
    for (int n = 2; Files.exists(keptAs); n++) {
      keptAs = file.resolveSibling(base + "-" + n);
    }
    Files.move(file, keptAs, StandardCopyOption.ATOMIC_MOVE);
    for (String suffix : List.of("-wal", "-shm")) {
      Path beside = file.resolveSibling(file.getFileName() + suffix);
      if (Files.exists(beside)) {
        Files.move(beside, keptAs.resolveSibling(keptAs.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
      }
    }
    return keptAs;
  }

  /** SQLite says the file is not a sound database. */
  static final class Corrupt extends Exception {
    Corrupt(String problem) {
      super(problem);
    }
  }
}
