package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed's dangerous change on the real servers: adding {@code created_at} NOT NULL without a
 * default is blocked on PostgreSQL and MariaDB while the table has rows (with the count), and
 * allowed once the table is empty. Each run uses its own database and drops it.
 */
class ServerLintTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "maria"})
  void notNullWithoutDefaultBlockedWithRowsAllowedWhenEmpty(String dialect) throws Exception {
    String name = "strata_lint_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String admin =
        dialect.equals("postgres")
            ? "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"
            : "jdbc:mariadb://127.0.0.1:3306/?user=root";
    String url =
        dialect.equals("postgres")
            ? "postgres://postgres@127.0.0.1:5432/" + name
            : "maria://root@127.0.0.1:3306/" + name;
    String jdbc =
        dialect.equals("postgres")
            ? "jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres"
            : "jdbc:mariadb://127.0.0.1:3306/" + name + "?user=root";
    exec(admin, "CREATE DATABASE " + name);
    try {
      exec(jdbc, "CREATE TABLE users (id integer PRIMARY KEY, name varchar(100) NOT NULL)");
      exec(jdbc, "INSERT INTO users VALUES (1, 'a'), (2, 'b')");
      Path desired =
          Files.writeString(
              dir.resolve("schema.sql"),
              "CREATE TABLE users (id integer PRIMARY KEY, name varchar(100) NOT NULL,"
                  + " created_at timestamp NOT NULL);\n");
      Cli blocked =
          Cli.run("schema", "apply", "-u", url, "--to", "file://" + desired, "--auto-approve");
      assertEquals(1, blocked.code(), blocked.toString());
      assertTrue(
          blocked.err().contains("users.created_at: 2 rows would violate NOT NULL"),
          blocked.toString());

      exec(jdbc, "DELETE FROM users");
      Cli allowed =
          Cli.run("schema", "apply", "-u", url, "--to", "file://" + desired, "--auto-approve");
      assertEquals(0, allowed.code(), allowed.toString());
      Cli synced = Cli.run("schema", "diff", "--from", url, "--to", "file://" + desired);
      assertEquals("", synced.out(), synced.toString());
    } finally {
      exec(admin, "DROP DATABASE " + name + (dialect.equals("postgres") ? " WITH (FORCE)" : ""));
    }
  }

  private static void exec(String jdbc, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
