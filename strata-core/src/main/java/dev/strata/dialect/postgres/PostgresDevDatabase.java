package dev.strata.dialect.postgres;

import dev.strata.InputException;
import dev.strata.StrataException;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.DevDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The scratch PostgreSQL database desired SQL runs on. Three modes: by default a temporary database
 * {@code strata_dev_<random>} created on the target's server and dropped on close; an explicit
 * {@code --dev-url postgres://...} that must be empty and is emptied again on close; and {@code
 * --dev-url embedded://postgres}, an embedded server (zonky) stopped on close.
 */
public final class PostgresDevDatabase implements DevDatabase {
  private final Connection conn;
  private final DbUrl url;
  private final Runnable cleanup;

  private PostgresDevDatabase(Connection conn, DbUrl url, Runnable cleanup) {
    this.conn = conn;
    this.url = url;
    this.cleanup = cleanup;
  }

  /** Opens the dev database for {@code target} given the user's {@code devUrl} (may be null). */
  static PostgresDevDatabase open(PostgresDialect dialect, DbUrl target, DbUrl devUrl) {
    if (devUrl != null && devUrl.scheme().equals("embedded")) {
      return PostgresEmbedded.start(dialect);
    }
    if (devUrl != null) {
      return explicit(dialect, devUrl);
    }
    if (target == null) {
      throw new InputException(
          "postgres: loading SQL needs a dev database: give --dev-url postgres://... "
              + "(or embedded://postgres) or a target URL on a server where Strata may create a"
              + " temporary database");
    }
    return temporary(dialect, target);
  }

  /** Wraps a connection to an already prepared database; {@code cleanup} runs on close. */
  static PostgresDevDatabase of(Connection conn, DbUrl url, Runnable cleanup) {
    return new PostgresDevDatabase(conn, url, cleanup);
  }

  private static PostgresDevDatabase temporary(PostgresDialect dialect, DbUrl target) {
    String name = "strata_dev_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 4);
    Connection admin;
    try {
      admin = dialect.open(target);
    } catch (SQLException e) {
      throw new StrataException(
          "postgres: connecting to " + target + " to create a dev database: " + e.getMessage(), e);
    }
    try (Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + name + " TEMPLATE template0");
    } catch (SQLException e) {
      close(admin);
      throw new StrataException(
          "postgres: cannot create the temporary dev database "
              + name
              + " on "
              + target
              + " ("
              + e.getMessage().strip()
              + "); grant CREATEDB to the user or pass --dev-url postgres://... or"
              + " --dev-url embedded://postgres",
          e);
    }
    DbUrl devUrl = withDatabase(target, name);
    Connection conn;
    try {
      conn = dialect.open(devUrl);
    } catch (SQLException e) {
      dropDatabase(admin, name);
      close(admin);
      throw new StrataException("postgres: connecting to dev database " + devUrl, e);
    }
    return new PostgresDevDatabase(
        conn,
        devUrl,
        () -> {
          close(conn);
          dropDatabase(admin, name);
          close(admin);
        });
  }

  private static PostgresDevDatabase explicit(PostgresDialect dialect, DbUrl devUrl) {
    Connection conn;
    try {
      conn = dialect.open(devUrl);
    } catch (SQLException e) {
      throw new StrataException(
          "postgres: connecting to dev database " + devUrl + ": " + e.getMessage(), e);
    }
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
                    + " AND n.nspname NOT LIKE 'pg\\_%'")) {
      rs.next();
      if (rs.getLong(1) > 0) {
        close(conn);
        throw new InputException(
            "postgres: the dev database " + devUrl + " is not empty; give an empty database");
      }
    } catch (SQLException e) {
      close(conn);
      throw new StrataException("postgres: checking dev database " + devUrl, e);
    }
    return new PostgresDevDatabase(conn, devUrl, () -> empty(conn));
  }

  /** Drops everything a dev run created in an explicit dev database, then closes it. */
  private static void empty(Connection conn) {
    try (Statement st = conn.createStatement()) {
      st.execute(
          "DO $$DECLARE s text; BEGIN FOR s IN SELECT nspname FROM pg_namespace WHERE nspname"
              + " NOT IN ('pg_catalog', 'information_schema', 'public') AND nspname NOT LIKE"
              + " 'pg\\_%' LOOP EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP; END$$");
      st.execute("DROP SCHEMA IF EXISTS public CASCADE");
      st.execute("CREATE SCHEMA public");
    } catch (SQLException e) {
      throw new StrataException("postgres: emptying the dev database: " + e.getMessage(), e);
    } finally {
      close(conn);
    }
  }

  static DbUrl withDatabase(DbUrl url, String db) {
    Map<String, String> params = new LinkedHashMap<>(url.params());
    String raw =
        "postgres://"
            + (url.user() == null ? "" : url.user() + (url.password() == null ? "" : ":****") + "@")
            + (url.host() == null || url.host().isEmpty() ? "localhost" : url.host())
            + (url.port() == 0 ? "" : ":" + url.port())
            + "/"
            + db;
    return new DbUrl(
        "postgres", url.user(), url.password(), url.host(), url.port(), db, params, raw);
  }

  private static void dropDatabase(Connection admin, String name) {
    try (Statement st = admin.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new StrataException(
          "postgres: dropping the temporary dev database " + name + ": " + e.getMessage(), e);
    }
  }

  static void close(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing: nothing useful to report
    }
  }

  @Override
  public Connection connection() {
    return conn;
  }

  @Override
  public DbUrl url() {
    return url;
  }

  @Override
  public void close() {
    cleanup.run();
  }
}
