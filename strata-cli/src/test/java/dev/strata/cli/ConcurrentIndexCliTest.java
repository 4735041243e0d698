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
 * {@code CREATE INDEX CONCURRENTLY} through the CLI on the local PostgreSQL: asked for by the
 * project file's {@code diff { concurrent_index { ... } }} or by {@code --concurrent-index}, shown
 * as running outside the transaction, kept by a stored plan ({@code --out} then {@code --plan}).
 */
class ConcurrentIndexCliTest {
  private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

  @TempDir Path dir;
  private String name;

  @BeforeEach
  void create() throws Exception {
    name = "strata_cic_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    exec(ADMIN, "CREATE DATABASE " + name);
    exec(jdbc(), "CREATE TABLE users (id integer PRIMARY KEY, email text, n integer)");
    exec(jdbc(), "CREATE INDEX users_n ON users (n)");
    exec(jdbc(), "INSERT INTO users SELECT g, 'u' || g, g % 10 FROM generate_series(1, 500) g");
    exec(jdbc(), "ANALYZE users");
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
        dir.resolve("schema.sql"),
        "CREATE TABLE users (id integer PRIMARY KEY, email text, n integer);\n"
            + "CREATE INDEX users_email ON users (email);\n");
  }

  @Test
  void projectFileStoredPlanKeepsTheIsolation() throws Exception {
    Path schema = desired();
    Path config =
        Files.writeString(
            dir.resolve("strata.hcl"),
            "env \"local\" {\n  url = \""
                + url()
                + "\"\n  src = \"file://"
                + schema
                + "\"\n}\n"
                + "diff {\n  concurrent_index {\n    create = true\n    drop = true\n  }\n}\n");
    Path plan = dir.resolve("plan.json");
    Cli planned =
        Cli.run("schema", "plan", "--env", "local", "--config", "" + config, "--out", "" + plan);
    assertEquals(0, planned.code(), planned.toString());
    assertTrue(
        planned
            .out()
            .contains(
                "-- outside the transaction: runs on its own after the statements above are"
                    + " committed\nDROP INDEX CONCURRENTLY public.users_n;"),
        planned.toString());
    assertTrue(
        planned.out().contains("CREATE INDEX CONCURRENTLY users_email ON public.users (email);"),
        planned.toString());
    assertFalse(planned.out().contains("LK101"), planned.toString());
    String json = Files.readString(plan);
    assertTrue(
        json.matches(
            "(?s).*\"sql\": \"CREATE INDEX CONCURRENTLY users_email ON public.users \\(email\\)\","
                + "[^}]*\"outsideTransaction\": true.*"),
        json);

    Cli applied = Cli.run("schema", "apply", "-u", url(), "--plan", "" + plan, "--auto-approve");
    assertEquals(0, applied.code(), applied.toString());
    assertEquals(
        "true",
        query(
            "SELECT indisvalid::text FROM pg_index i JOIN pg_class c"
                + " ON c.oid = i.indexrelid WHERE c.relname = 'users_email'"));
    assertEquals("0", query("SELECT count(*) FROM pg_class WHERE relname = 'users_n'"));
    assertEquals("500", query("SELECT count(*) FROM users WHERE email = 'u' || id"));

    Cli again = Cli.run("schema", "plan", "--env", "local", "--config", "" + config);
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().contains("Schema is synced"), again.toString());
  }

  @Test
  void flagOnPlanApplyAndDiff() throws Exception {
    Path schema = desired();
    Cli plain = Cli.run("schema", "plan", "-u", url(), "--to", "file://" + schema);
    assertEquals(0, plain.code(), plain.toString());
    assertTrue(plain.out().contains("CREATE INDEX users_email ON public.users"), plain.toString());
    assertTrue(plain.out().contains("LK101"), plain.toString());
    assertTrue(plain.out().contains("--concurrent-index"), plain.toString());

    Cli diff =
        Cli.run(
            "schema", "diff", "--from", url(), "--to", "file://" + schema, "--concurrent-index");
    assertEquals(0, diff.code(), diff.toString());
    assertTrue(
        diff.out().contains("CREATE INDEX CONCURRENTLY users_email ON public.users (email);"),
        diff.toString());

    Cli applied =
        Cli.run(
            "schema",
            "apply",
            "-u",
            url(),
            "--to",
            "file://" + schema,
            "--concurrent-index",
            "--auto-approve");
    assertEquals(0, applied.code(), applied.toString());
    assertTrue(
        applied.out().contains("DROP INDEX CONCURRENTLY public.users_n;"), applied.toString());
    assertFalse(applied.err().contains("does not fully match"), applied.toString());
    assertEquals(
        "true",
        query(
            "SELECT indisvalid::text FROM pg_index i JOIN pg_class c"
                + " ON c.oid = i.indexrelid WHERE c.relname = 'users_email'"));
  }

  private String query(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void exec(String jdbc, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
