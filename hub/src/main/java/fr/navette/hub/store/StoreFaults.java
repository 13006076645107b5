package fr.navette.hub.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Tells a fault of the store itself — which no message can cause and every message meets — from an error one
 * piece of input causes (a constraint, a value the column cannot hold). The first stops acknowledging; the second
 * sets that one message aside. Decided on SQLite's result codes and PostgreSQL's SQLSTATE classes.
 */
public final class StoreFaults {
  private static final Set<SQLiteErrorCode> SQLITE_FAULTS = Set.of(SQLiteErrorCode.SQLITE_CORRUPT,
      SQLiteErrorCode.SQLITE_NOTADB, SQLiteErrorCode.SQLITE_FULL, SQLiteErrorCode.SQLITE_CANTOPEN,
      SQLiteErrorCode.SQLITE_IOERR, SQLiteErrorCode.SQLITE_READONLY, SQLiteErrorCode.SQLITE_PROTOCOL,
      SQLiteErrorCode.SQLITE_NOMEM);
  /** Contention, not a fault: another writer held the lock, or a read snapshot went stale before its write. */
  private static final Set<SQLiteErrorCode> SQLITE_TRANSIENT = Set.of(SQLiteErrorCode.SQLITE_BUSY,
      SQLiteErrorCode.SQLITE_LOCKED);
  /** PostgreSQL: serialization failure, deadlock detected. */
  private static final Set<String> POSTGRES_TRANSIENT = Set.of("40001", "40P01");
  /** Connection (08), resources (53), operator intervention (57), system (58), internal incl. corruption (XX). */
  private static final Set<String> POSTGRES_FAULT_CLASSES = Set.of("08", "53", "57", "58", "XX");

  private StoreFaults() {}

  /**
   * Whether {@code failure} is contention that the same transaction, run again, gets past: SQLite's BUSY (also
   * BUSY_SNAPSHOT: in WAL mode a transaction that read, then writes after another connection committed, fails at
   * once whatever the busy timeout) and LOCKED, PostgreSQL's serialization failures and deadlocks.
   */
  public static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLiteException sqlite) {
        int primary = sqlite.getResultCode().code & 0xFF;
        return SQLITE_TRANSIENT.stream().anyMatch(c -> c.code == primary);
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return POSTGRES_TRANSIENT.contains(sql.getSQLState());
      }
    }
    return false;
  }

  /** Whether {@code failure} (or what caused it) is a fault of the store rather than of the data written. */
  public static boolean isStoreFault(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLiteException sqlite) {
        // Extended codes (SQLITE_IOERR_WRITE ...) share their primary code's low byte.
        int primary = sqlite.getResultCode().code & 0xFF;
        return SQLITE_FAULTS.stream().anyMatch(c -> c.code == primary);
      }
      if (t instanceof SQLTransientConnectionException) {
        return true; // the pool found no connection in time
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2) {
        return POSTGRES_FAULT_CLASSES.contains(sql.getSQLState().substring(0, 2));
      }
    }
    return false;
  }
}
