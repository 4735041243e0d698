package dev.strata.dialect.postgres;

import dev.strata.StrataException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * The session settings and the lock around an apply: {@code lock_timeout} (10s unless the URL's
 * {@code lock_timeout} parameter set another) bounds every DDL lock wait, and a session-level
 * advisory lock keyed by the database name keeps two applies to one database from interleaving. The
 * second apply says that it waits and for whom, polls {@code pg_try_advisory_lock} for at most the
 * lock timeout, then fails naming the database and the holder's process id.
 */
final class PostgresApplyLock {
  /** The first key of the advisory lock: "strata" as a 32-bit number. */
  static final int LOCK_CLASS = 0x5354_5241;

  static final String DEFAULT_TIMEOUT = "10s";

  private PostgresApplyLock() {}

  /**
   * Takes the lock, polling for at most the session's lock timeout. {@code waiting} hears once,
   * before the first wait, which process holds the lock and how long this apply waits for it.
   */
  static void acquire(Connection conn, Consumer<String> waiting) throws SQLException {
    boolean autoCommit = conn.getAutoCommit();
    conn.setAutoCommit(true);
    try {
      long timeoutMs = lockTimeoutMillis(conn);
      long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
      boolean told = false;
      try (PreparedStatement ps =
          conn.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(current_database()))")) {
        ps.setInt(1, LOCK_CLASS);
        while (true) {
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getBoolean(1)) {
              return;
            }
          }
          if (!told) {
            told = true;
            waiting.accept(
                "Waiting for the apply lock on database "
                    + database(conn)
                    + ": another Strata apply (process "
                    + holder(conn)
                    + ") holds it; giving up after "
                    + timeoutMs
                    + " ms (lock_timeout, --lock-timeout).");
          }
          if (System.nanoTime() > deadline) {
            throw new StrataException(
                "postgres: another Strata apply holds the lock on database "
                    + database(conn)
                    + " (process "
                    + holder(conn)
                    + "); gave up after lock_timeout "
                    + timeoutMs
                    + " ms. Nothing was changed; try again when it has finished, or wait"
                    + " longer with --lock-timeout.");
          }
          sleep(Math.min(100, timeoutMs / 10 + 1));
        }
      }
    } finally {
      conn.setAutoCommit(autoCommit);
    }
  }

  static void release(Connection conn) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(current_database()))")) {
      ps.setInt(1, LOCK_CLASS);
      ps.executeQuery().close();
    }
  }

  /** Sets lock_timeout to the default when the session has none; returns it in milliseconds. */
  private static long lockTimeoutMillis(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement()) {
      long ms;
      try (ResultSet rs =
          st.executeQuery("SELECT setting::bigint FROM pg_settings WHERE name = 'lock_timeout'")) {
        rs.next();
        ms = rs.getLong(1);
      }
      if (ms == 0) {
        st.execute("SET lock_timeout = '" + DEFAULT_TIMEOUT + "'");
        ms = 10_000;
      }
      return ms;
    }
  }

  private static String holder(Connection conn) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT string_agg(pid::text, ', ') FROM pg_locks WHERE locktype = 'advisory'"
                + " AND classid = ?::oid AND objid = hashtext(current_database())::oid"
                + " AND objsubid = 2 AND granted"
                + " AND database = (SELECT oid FROM pg_database WHERE datname ="
                + " current_database())")) {
      ps.setLong(1, Integer.toUnsignedLong(LOCK_CLASS));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getString(1) != null ? rs.getString(1) : "unknown";
      }
    }
  }

  private static String database(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT current_database()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StrataException("postgres: interrupted while waiting for the apply lock");
    }
  }
}
