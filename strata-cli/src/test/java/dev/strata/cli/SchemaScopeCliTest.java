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
 * {@code --schema} and {@code --exclude} with several PostgreSQL schemas, through the CLI: only the
 * named schemas are planned and changed, an excluded table is kept, and a schema excluded by name
 * is out of scope entirely (before, {@code --exclude s2} left schema s2 in scope and the plan
 * dropped it with {@code CASCADE}).
 */
class SchemaScopeCliTest {
  private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

  @TempDir Path dir;
  private String name;

  @BeforeEach
  void create() throws Exception {
    name = "strata_scope_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    exec(ADMIN, "CREATE DATABASE " + name);
    exec(
        jdbc(),
        "CREATE SCHEMA s1; CREATE SCHEMA s2; CREATE SCHEMA s3;"
            + " CREATE TABLE s1.t (a int); CREATE TABLE s1.tmp_x (a int);"
            + " CREATE TABLE s2.t (a int); CREATE TABLE s3.t (a int);"
            + " INSERT INTO s2.t VALUES (1); CREATE TABLE public.p (a int)");
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

  @Test
  void schemaFlagLimitsThePlanToTheNamedSchemas() throws Exception {
    Path desired =
        Files.writeString(
            dir.resolve("two.sql"),
            "CREATE SCHEMA s1; CREATE SCHEMA s2;\n"
                + "CREATE TABLE s1.t (a int, b int);\nCREATE TABLE s1.tmp_x (a int);\n"
                + "CREATE TABLE s2.t (a int);\nCREATE TABLE s2.n (a int);\n");
    Cli r =
        Cli.run(
            "schema",
            "apply",
            "--url",
            url(),
            "--to",
            "file://" + desired,
            "-s",
            "s1",
            "-s",
            "s2",
            "--auto-approve");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("ALTER TABLE s1.t ADD COLUMN b integer;"), r.toString());
    assertTrue(r.out().contains("CREATE TABLE s2.n ("), r.toString());
    assertFalse(r.out().contains("s3"), r.toString());
    assertFalse(r.out().contains("public.p"), r.toString());
    assertEquals(1, count("SELECT count(*) FROM pg_tables WHERE schemaname = 's3'"));
    assertEquals(1, count("SELECT count(*) FROM pg_tables WHERE tablename = 'p'"));
  }

  @Test
  void excludedSchemasAndTablesAreNeitherInspectedNorDropped() throws Exception {
    Path desired =
        Files.writeString(
            dir.resolve("one.sql"), "CREATE SCHEMA s1;\nCREATE TABLE s1.t (a int, c text);\n");
    Cli plan =
        Cli.run(
            "schema",
            "apply",
            "--url",
            url(),
            "--to",
            "file://" + desired,
            "--exclude",
            "s2,s3,public",
            "--exclude",
            "s1.tmp_*",
            "--allow-destructive",
            "--auto-approve");
    assertEquals(0, plan.code(), plan.toString());
    assertTrue(plan.out().contains("ALTER TABLE s1.t ADD COLUMN c text;"), plan.toString());
    assertTrue(plan.out().contains("(1 statement)"), plan.toString());
    assertFalse(plan.out().contains("DROP SCHEMA"), plan.toString());
    assertFalse(plan.out().contains("DROP TABLE"), plan.toString());
    assertEquals(1, count("SELECT count(*) FROM s2.t"));
    assertEquals(1, count("SELECT count(*) FROM pg_tables WHERE tablename = 'tmp_x'"));

    Cli inspect = Cli.run("schema", "inspect", "--url", url(), "--exclude", "s2,public");
    assertEquals(0, inspect.code(), inspect.toString());
    assertTrue(inspect.out().contains("schema \"s1\""), inspect.toString());
    assertTrue(inspect.out().contains("schema \"s3\""), inspect.toString());
    assertFalse(inspect.out().contains("schema \"s2\""), inspect.toString());
    assertFalse(inspect.out().contains("schema \"public\""), inspect.toString());
  }

  @Test
  void schemaHoldingExcludedObjectsIsNotDroppedWithThem() throws Exception {
    Path desired =
        Files.writeString(
            dir.resolve("no-s2.sql"),
            "CREATE SCHEMA s1; CREATE SCHEMA s3;\nCREATE TABLE s1.t (a int);\n"
                + "CREATE TABLE s1.tmp_x (a int);\nCREATE TABLE s3.t (a int);\n"
                + "CREATE TABLE public.p (a int);\n");
    Cli r =
        Cli.run(
            "schema",
            "apply",
            "--url",
            url(),
            "--to",
            "file://" + desired,
            "--exclude",
            "s2.*",
            "--allow-destructive",
            "--auto-approve");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.err()
            .contains(
                "the desired state drops schema s2, but it holds objects left out by --exclude"
                    + " (e.g. s2.t) that DROP SCHEMA ... CASCADE would drop too. Exclude the whole"
                    + " schema (--exclude s2)"),
        r.toString());
    assertEquals(1, count("SELECT count(*) FROM s2.t"));
  }

  private long count(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc());
        ResultSet rs = c.createStatement().executeQuery(sql)) {
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
