package dev.strata.gitops.server;

import dev.strata.InputException;
import dev.strata.dialect.DbUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens connections to the server's store (delivery log, event queue): a SQLite file for one
 * process, PostgreSQL for several server replicas. Accepts {@code sqlite://path}, {@code
 * postgres://user:pass@host:port/db} and {@code jdbc:} URLs. SQLite connections get a busy timeout
 * and WAL journal, so concurrent worker threads wait for each other instead of failing.
 */
@FunctionalInterface
public interface ConnectionSource {

  Connection open() throws SQLException;

  /** A source for a store URL; the password never appears in errors (see {@link DbUrl}). */
  static ConnectionSource of(String url) {
    DbUrl u = DbUrl.parse(url);
    Properties props = new Properties();
    String jdbc;
    if (url.startsWith("jdbc:")) {
      jdbc = url;
    } else if (u.isSqlite()) {
      jdbc = "jdbc:sqlite:" + u.path();
    } else if (u.scheme().startsWith("postgres")) {
      jdbc =
          "jdbc:postgresql://"
              + (u.host().isEmpty() ? "localhost" : u.host())
              + (u.port() > 0 ? ":" + u.port() : "")
              + "/"
              + u.path();
      if (u.user() != null) {
        props.setProperty("user", u.user());
      }
      if (u.password() != null) {
        props.setProperty("password", u.password());
      }
    } else {
      throw new InputException("the server store must be sqlite:// or postgres://, not " + u);
    }
    if (jdbc.startsWith("jdbc:sqlite:")) {
      props.setProperty("busy_timeout", "30000");
      props.setProperty("journal_mode", "WAL");
    }
    return () -> DriverManager.getConnection(jdbc, props);
  }

  /** True when {@code c} is a PostgreSQL connection (else SQLite is assumed). */
  static boolean isPostgres(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
  }
}
