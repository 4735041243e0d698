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
 * The default PostgreSQL dev database is a temporary database on the target server: a user who may
 * not create databases gets an error that says so and names the two ways out, with the password
 * masked; the temporary database of a successful run is dropped afterwards.
 */
class DevDatabaseErrorsCliTest {
  private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
  private static final String SECRET = "s3cret-pw-123";

  @TempDir Path dir;
  private String name;
  private String role;

  @BeforeEach
  void create() throws Exception {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    name = "strata_devdb_" + id;
    role = "strata_nocreate_" + id;
    exec(ADMIN, "CREATE DATABASE " + name);
    exec(ADMIN, "CREATE ROLE " + role + " LOGIN NOCREATEDB PASSWORD '" + SECRET + "'");
  }

  @AfterEach
  void drop() throws Exception {
    exec(ADMIN, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    exec(ADMIN, "DROP ROLE IF EXISTS " + role);
  }

  @Test
  void userWhoMayNotCreateDatabasesIsToldWhatToDo() throws Exception {
    Path desired = Files.writeString(dir.resolve("s.sql"), "CREATE TABLE t (id int);\n");
    String url = "postgres://" + role + ":" + SECRET + "@127.0.0.1:5432/" + name;
    Cli r = Cli.run("schema", "diff", "--from", url, "--to", "file://" + desired);
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains("cannot create the temporary dev database"), r.toString());
    assertTrue(r.err().contains("permission denied to create database"), r.toString());
    assertTrue(
        r.err()
            .contains(
                "grant CREATEDB to the user or pass --dev-url postgres://... or --dev-url"
                    + " embedded://postgres"),
        r.toString());
    assertTrue(r.err().contains(role + ":****@"), r.toString());
    assertFalse(r.err().contains(SECRET) || r.out().contains(SECRET), r.toString());
  }

  @Test
  void temporaryDevDatabaseIsDroppedAfterwards() throws Exception {
    Path desired = Files.writeString(dir.resolve("s.sql"), "CREATE TABLE t (id int);\n");
    java.util.Set<String> before = devDatabases();
    Cli r =
        Cli.run(
            "schema",
            "diff",
            "--from",
            "postgres://postgres@127.0.0.1:5432/" + name,
            "--to",
            "file://" + desired);
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("CREATE TABLE public.t ("), r.toString());
    // Other engineers' runs share this server: a dev database they created meanwhile goes away
    // when their run ends; the one this run created must already be gone.
    java.util.Set<String> left = new java.util.HashSet<>(devDatabases());
    for (int i = 0; i < 60 && !before.containsAll(left); i++) {
      Thread.sleep(500);
      left = new java.util.HashSet<>(devDatabases());
    }
    left.removeAll(before);
    assertEquals(java.util.Set.of(), left, "dev databases left behind");
  }

  @Test
  void twoFilesWithoutADevUrlNameEmbeddedPostgres() throws Exception {
    Path a = Files.writeString(dir.resolve("a.sql"), "CREATE TABLE t (id int);\n");
    Path b = Files.writeString(dir.resolve("b.sql"), "CREATE TABLE t (id int, n int);\n");
    Cli r = Cli.run("schema", "diff", "--from", "file://" + a, "--to", "file://" + b);
    assertEquals(2, r.code(), r.toString());
    assertTrue(
        r.err()
            .contains(
                "cannot tell which database these files are for: give --dev-url (for example"
                    + " --dev-url embedded://postgres, which needs no server"),
        r.toString());
  }

  private static java.util.Set<String> devDatabases() throws Exception {
    java.util.Set<String> out = new java.util.HashSet<>();
    try (Connection c = DriverManager.getConnection(ADMIN);
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT datname FROM pg_database WHERE datname LIKE 'strata\\_dev\\_%'")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static void exec(String jdbc, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc);
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
