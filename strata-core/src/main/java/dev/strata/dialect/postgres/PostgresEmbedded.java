package dev.strata.dialect.postgres;

import dev.strata.StrataException;
import dev.strata.dialect.DbUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Starts an embedded PostgreSQL server (zonky's packaged binaries) for {@code --dev-url
 * embedded://postgres}; the server is stopped and its data directory removed on close. The zonky
 * dependency is optional: without it on the class path the error says so.
 */
final class PostgresEmbedded {
  private PostgresEmbedded() {}

  static PostgresDevDatabase start(PostgresDialect dialect) {
    EmbeddedPostgres pg;
    try {
      pg = EmbeddedPostgres.builder().start();
    } catch (IOException | RuntimeException | NoClassDefFoundError e) {
      throw new StrataException("postgres: starting embedded PostgreSQL: " + e.getMessage(), e);
    }
    DbUrl url =
        DbUrl.parse("postgres://postgres@localhost:" + pg.getPort() + "/postgres?sslmode=disable");
    Connection conn;
    try {
      conn = dialect.open(url);
    } catch (SQLException e) {
      stop(pg);
      throw new StrataException(
          "postgres: connecting to embedded PostgreSQL: " + e.getMessage(), e);
    }
    return PostgresDevDatabase.of(
        conn,
        url,
        () -> {
          PostgresDevDatabase.close(conn);
          stop(pg);
        });
  }

  private static void stop(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException e) {
      throw new StrataException("postgres: stopping embedded PostgreSQL: " + e.getMessage(), e);
    }
  }
}
