package dev.strata.gitops.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A uniquely named, throw-away database on the local PostgreSQL server (127.0.0.1:5432, user
 * postgres, trust authentication), dropped on close. Tests using it are skipped when no server
 * answers.
 */
final class PgDatabase implements AutoCloseable {
  private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";
  final String name =
      "strata_github_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  PgDatabase() throws SQLException {
    try (Connection c = DriverManager.getConnection(ADMIN, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      assumeTrue(false, "no local PostgreSQL: " + e.getMessage());
    }
  }

  /** The store URL in Strata's form. */
  String url() {
    return "postgres://postgres@127.0.0.1:5432/" + name;
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = DriverManager.getConnection(ADMIN, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
