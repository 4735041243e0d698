package dev.strata.lint;

import dev.strata.dialect.DbUrl;
import dev.strata.dialect.mysql.MysqlTestDb;
import dev.strata.dialect.postgres.PgTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * One fresh database for a test: {@code sqlite} (a file under {@code tmp}), {@code postgres} (a
 * uniquely named database on the local server) or {@code maria} (the same on the local MariaDB),
 * dropped on close.
 */
interface TestDb extends AutoCloseable {
  DbUrl url();

  void exec(String... sql) throws Exception;

  @Override
  void close() throws Exception;

  /** The first column of the first row of {@code sql}. */
  default String query(String sql) throws Exception {
    try (Connection c = dev.strata.Strata.dialectFor(url()).open(url());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  static TestDb create(String dialect, Path tmp) throws Exception {
    switch (dialect) {
      case "postgres" -> {
        PgTestDatabase pg = PgTestDatabase.create();
        return new TestDb() {
          public DbUrl url() {
            return pg.url();
          }

          public void exec(String... sql) {
            for (String s : sql) {
              pg.exec(s);
            }
          }

          public void close() {
            pg.close();
          }
        };
      }
      case "maria" -> {
        MysqlTestDb my = MysqlTestDb.create();
        return new TestDb() {
          public DbUrl url() {
            return my.url();
          }

          public void exec(String... sql) throws Exception {
            my.exec(sql);
          }

          public void close() throws Exception {
            my.close();
          }
        };
      }
      default -> {
        Path file = Files.createTempFile(tmp, "lint", ".db");
        return new TestDb() {
          public DbUrl url() {
            return DbUrl.parse("sqlite://" + file);
          }

          public void exec(String... sql) throws Exception {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement()) {
              for (String s : sql) {
                st.execute(s);
              }
            }
          }

          public void close() {}
        };
      }
    }
  }
}
