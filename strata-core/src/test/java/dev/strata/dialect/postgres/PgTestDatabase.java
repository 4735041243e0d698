package dev.strata.dialect.postgres;

import dev.strata.dialect.DbUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A uniquely named database {@code strata_t_<random>} on the local test server, dropped on close.
 * The server is {@code STRATA_PG_URL} or {@code postgres://postgres@127.0.0.1:5432/postgres}.
 */
public final class PgTestDatabase implements AutoCloseable {
  public static final DbUrl SERVER =
      DbUrl.parse(
          System.getenv()
              .getOrDefault(
                  "STRATA_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"));

  public static final PostgresDialect DIALECT = new PostgresDialect();

  private final String name;
  private final DbUrl url;

  private PgTestDatabase(String name) {
    this.name = name;
    this.url = PostgresDevDatabase.withDatabase(SERVER, name);
  }

  /** Creates an empty database (from {@code template0}, or from {@code template} when given). */
  public static PgTestDatabase create(String template) {
    String name = "strata_t_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 4);
    admin("CREATE DATABASE " + name + " TEMPLATE " + (template == null ? "template0" : template));
    return new PgTestDatabase(name);
  }

  public static PgTestDatabase create() {
    return create(null);
  }

  /** Runs one statement on the server's maintenance database. */
  public static void admin(String sql) {
    try (Connection c = DIALECT.open(SERVER);
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  public String name() {
    return name;
  }

  public DbUrl url() {
    return url;
  }

  public Connection connect() throws SQLException {
    return DIALECT.open(url);
  }

  /** Runs a script (split like psql would) on this database. */
  public void exec(String script) {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      for (String s : DIALECT.splitStatements(script)) {
        st.execute(s);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }
}
