package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.plan.RevisionLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code strata_schema_revisions} holds after applies from the CLI on the local PostgreSQL and
 * MariaDB, kept in another schema (PostgreSQL) or database (MariaDB) with {@code
 * --revisions-schema}: a stored plan's apply records the plan hash the plan command printed, the
 * schema hashes of the plan file, the SQL that ran, who ran it and when, and "ok"; a failing apply
 * records "failed" with the error. The history schema never shows up in a plan. Each run creates
 * its own databases and drops them.
 */
class RevisionHistoryTest {
  @TempDir Path dir;

  private record Row(
      String planHash,
      String fromHash,
      String toHash,
      String by,
      String at,
      long statements,
      String sql,
      String result,
      String error) {}

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "maria"})
  void appliesAreRecordedInTheConfiguredSchema(String dialect) throws Exception {
    boolean pg = dialect.equals("postgres");
    String name = "strata_rev_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String history = pg ? "audit" : name + "_audit";
    String admin =
        pg
            ? "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"
            : "jdbc:mariadb://127.0.0.1:3306/?user=root";
    String url =
        pg ? "postgres://postgres@127.0.0.1:5432/" + name : "maria://root@127.0.0.1:3306/" + name;
    String jdbc =
        pg
            ? "jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres"
            : "jdbc:mariadb://127.0.0.1:3306/" + name + "?user=root";
    String table = (pg ? "audit" : history) + ".strata_schema_revisions";
    exec(admin, "CREATE DATABASE " + name);
    try {
      exec(jdbc, "CREATE TABLE users (id integer PRIMARY KEY, name varchar(100))");
      exec(jdbc, "INSERT INTO users VALUES (1, 'a'), (2, 'b')");
      Path desired =
          Files.writeString(
              dir.resolve("schema.sql"),
              "CREATE TABLE users (id integer PRIMARY KEY, name varchar(100), nick varchar(20));\n");
      Path planFile = dir.resolve("plan.json");
      Instant before = Instant.now();
      Cli plan =
          Cli.run("schema", "plan", "-u", url, "--to", "file://" + desired, "--out", planFile + "");
      assertEquals(0, plan.code(), plan.toString());
      Matcher m = Pattern.compile("plan hash ([0-9a-f]{64})").matcher(plan.err());
      assertTrue(m.find(), plan.toString());
      String planHash = m.group(1);
      String json = Files.readString(planFile);

      Cli applied =
          Cli.run(
              "schema",
              "apply",
              "-u",
              url,
              "--plan",
              planFile.toString(),
              "--auto-approve",
              "--revisions-schema",
              history);
      assertEquals(0, applied.code(), applied.toString());

      List<Row> rows = rows(jdbc, table);
      assertEquals(1, rows.size(), rows.toString());
      Row ok = rows.get(0);
      assertEquals(planHash, ok.planHash());
      assertTrue(json.contains("\"fromHash\": \"" + ok.fromHash() + "\""), ok + "\n" + json);
      assertTrue(json.contains("\"toHash\": \"" + ok.toHash() + "\""), ok + "\n" + json);
      assertEquals(RevisionLog.currentUser(System.getenv()), ok.by());
      Instant at = Instant.parse(ok.at());
      assertTrue(
          !at.isBefore(before.minusSeconds(1))
              && Duration.between(at, Instant.now()).abs().getSeconds() < 120,
          ok.at());
      assertEquals(1, ok.statements());
      assertTrue(ok.sql().contains("ADD COLUMN") && ok.sql().contains("nick"), ok.sql());
      assertEquals("ok", ok.result());
      assertNull(ok.error());
      assertEquals(
          "0",
          query(
              jdbc,
              pg
                  ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
                      + " AND table_name = 'strata_schema_revisions'"
                  : "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                      + name
                      + "' AND table_name = 'strata_schema_revisions'"),
          "the history lives only in the configured schema");

      // the history schema is Strata's, not part of the user's schema: nothing to drop
      Cli synced =
          Cli.run("schema", "plan", "-u", url, "--to", "file://" + desired, "--format", "json");
      assertEquals(0, synced.code(), synced.toString());
      assertTrue(synced.out().contains("\"statements\": []"), synced.toString());

      // a failing apply (PostgreSQL refuses a NOT NULL column without default on a table with
      // rows; the finding is allowed so the statement runs) is recorded as failed; this time the
      // history schema comes from the project file's env
      if (pg) {
        Path failing =
            Files.writeString(
                dir.resolve("failing.sql"),
                "CREATE TABLE users (id integer PRIMARY KEY, name varchar(100), nick varchar(20),"
                    + " born date NOT NULL);\n");
        Path config =
            Files.writeString(
                dir.resolve("strata.hcl"),
                "variable \"url\" {\n  type = string\n}\n"
                    + "env \"db\" {\n  url = var.url\n  src = \"file://failing.sql\"\n"
                    + "  revisions_schema = \""
                    + history
                    + "\"\n}\n");
        Cli failed =
            Cli.run(
                "schema",
                "apply",
                "--env",
                "db",
                "-c",
                config.toString(),
                "--var",
                "url=" + url,
                "--auto-approve",
                "--allow",
                "DD101");
        assertEquals(1, failed.code(), failed.toString());
        List<Row> after = rows(jdbc, table);
        assertEquals(2, after.size(), after.toString());
        Row bad = after.get(1);
        assertEquals("failed", bad.result(), after.toString());
        assertTrue(bad.error().contains("born"), bad.error());
        assertTrue(bad.sql().contains("born"), bad.sql());
      }
    } finally {
      exec(admin, "DROP DATABASE " + name + (pg ? " WITH (FORCE)" : ""));
      if (!pg) {
        exec(admin, "DROP DATABASE IF EXISTS " + history);
      }
    }
  }

  private static List<Row> rows(String jdbc, String table) throws Exception {
    List<Row> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbc);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT plan_hash, from_hash, to_hash, applied_by, applied_at, statements,"
                    + " sql_text, result, error FROM "
                    + table
                    + " ORDER BY applied_at")) {
      while (rs.next()) {
        out.add(
            new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getLong(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9)));
      }
    }
    return out;
  }

  private static String query(String jdbc, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc);
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
