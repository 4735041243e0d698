package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata schema apply --lock-timeout} on the local PostgreSQL: a statement that would queue
 * behind a long transaction fails after the given time instead of blocking the table, a second
 * apply says whom it waits for and gives up, a bad duration is refused, and a dry run does not warn
 * that the database is still out of date.
 */
class LockTimeoutCliTest {
  private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

  @TempDir Path dir;
  private String name;

  @BeforeEach
  void create() throws Exception {
    name = "strata_lto_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    exec(ADMIN, "CREATE DATABASE " + name);
    exec(jdbc(), "CREATE TABLE users (id integer PRIMARY KEY)");
  }

  @AfterEach
  void drop() throws Exception {
    exec(ADMIN, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private String url() {
    return "postgres://postgres@127.0.0.1:5432/" + name + "?sslmode=disable";
  }

  private String jdbc() {
    return "jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres";
  }

  private Path desired() throws Exception {
    return Files.writeString(
        dir.resolve("schema.sql"), "CREATE TABLE users (id integer PRIMARY KEY, email text);\n");
  }

  private Cli apply(String... extra) throws Exception {
    String[] base = {
      "schema", "apply", "--url", url(), "--to", "file://" + desired(), "--auto-approve"
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return Cli.run(args);
  }

  @Test
  void statementBehindALongTransactionFailsAfterTheTimeout() throws Exception {
    try (Connection reader = DriverManager.getConnection(jdbc())) {
      reader.setAutoCommit(false);
      reader.createStatement().executeQuery("SELECT * FROM users").close();
      long start = System.nanoTime();
      Cli r = apply("--lock-timeout", "300ms");
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertEquals(1, r.code(), r.toString());
      assertTrue(r.err().contains("canceling statement due to lock timeout"), r.toString());
      assertTrue(r.err().contains("nothing was applied"), r.toString());
      assertTrue(ms < 8_000, "took " + ms + " ms; the default 10s was used");
      assertEquals(0, columns("email"));
      reader.rollback();
    }
    Cli ok = apply("--lock-timeout", "2s");
    assertEquals(0, ok.code(), ok.toString());
    assertEquals(1, columns("email"));
  }

  @Test
  void secondApplySaysWhoHoldsTheLockThenGivesUp() throws Exception {
    try (Connection holder = DriverManager.getConnection(jdbc())) {
      long pid;
      try (ResultSet rs = holder.createStatement().executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        pid = rs.getLong(1);
      }
      holder
          .createStatement()
          .executeQuery("SELECT pg_advisory_lock(1398035009, hashtext(current_database()))")
          .close();
      Cli r = apply("--lock-timeout", "1s");
      assertEquals(1, r.code(), r.toString());
      assertTrue(
          r.err()
              .contains(
                  "Waiting for the apply lock on database "
                      + name
                      + ": another Strata apply (process "
                      + pid
                      + ") holds it; giving up after 1000 ms"),
          r.toString());
      assertTrue(
          r.err().contains("gave up after lock_timeout 1000 ms. Nothing was changed"),
          r.toString());
      assertEquals(0, columns("email"));
    }
  }

  @Test
  void badDurationIsRefused() throws Exception {
    Cli r = apply("--lock-timeout", "soon");
    assertEquals(2, r.code(), r.toString());
    assertTrue(
        r.err()
            .contains(
                "--lock-timeout: not a duration: \"soon\" (expected e.g. 500ms, 10s, 2m or 1h)"),
        r.toString());
    Cli zero = apply("--lock-timeout", "0s");
    assertEquals(2, zero.code(), zero.toString());
    assertTrue(zero.err().contains("--lock-timeout must be positive"), zero.toString());
  }

  @Test
  void helpNamesTheFlagAndDryRunDoesNotWarn() throws Exception {
    Cli help = Cli.run("schema", "apply", "--help");
    assertTrue(help.out().contains("--lock-timeout=DURATION"), help.toString());
    Cli diffHelp = Cli.run("schema", "diff", "--help");
    String text = diffHelp.out().replaceAll("\\s+", " ");
    assertTrue(text.contains("embedded://postgres starts an embedded PostgreSQL"), text);
    assertTrue(text.contains("a temporary database created on the target's server"), text);
    Cli dry = apply("--dry-run");
    assertEquals(0, dry.code(), dry.toString());
    assertTrue(dry.out().contains("Dry run: nothing was changed."), dry.toString());
    assertFalse(dry.err().contains("does not fully match"), dry.toString());
    assertEquals(0, columns("email"));
  }

  private long columns(String column) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc());
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT count(*) FROM information_schema.columns WHERE column_name = '"
                        + column
                        + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void exec(String jdbc, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc);
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
