package dev.strata.gitops.server;

import dev.strata.StrataException;
import java.sql.Connection;
import java.sql.SQLException;

/** One JDBC unit of work on a fresh connection, with store errors wrapped where they happen. */
final class Jdbc {
  private Jdbc() {}

  /** Work that uses a connection. */
  @FunctionalInterface
  interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  /** Runs {@code work} on a new connection; {@code what} names it in errors. */
  static <T> T run(ConnectionSource db, String what, Work<T> work) {
    try (Connection c = db.open()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new StrataException("server store: " + what + ": " + e.getMessage(), e);
    }
  }
}
