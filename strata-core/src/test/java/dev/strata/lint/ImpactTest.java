package dev.strata.lint;

import static dev.strata.lint.Fixtures.col;
import static dev.strata.lint.Fixtures.realm;
import static dev.strata.lint.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.lint.impact.Impact;
import dev.strata.lint.impact.Impact.Duration;
import dev.strata.lint.impact.Impact.Work;
import dev.strata.lint.impact.ImpactEstimator;
import dev.strata.lint.impact.TableStat;
import dev.strata.lint.impact.TableStats;
import dev.strata.model.Column;
import dev.strata.model.Realm;
import dev.strata.model.Table;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImpactTest {
  private static final Column ID = col("id", "integer", false);

  @Test
  void sqliteStatisticsCountRows() throws Exception {
    try (Connection c =
        Fixtures.sqlite(
            "CREATE TABLE users (id integer PRIMARY KEY, name text)",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
                + " INSERT INTO users (id, name) SELECT i, 'name' || i FROM n")) {
      TableStats stats = TableStats.forDialect("sqlite", c);
      TableStat s = stats.stat("main", "users").orElseThrow();
      assertEquals(5000, s.rows());
      assertTrue(s.bytes() == -1 || s.bytes() > 0);
      assertEquals(Optional.empty(), stats.stat("main", "nope"));
    }
  }

  @Test
  void sqliteRebuildCopiesTheTable() throws Exception {
    try (Connection c =
        Fixtures.sqlite(
            "CREATE TABLE users (id integer PRIMARY KEY, age integer)",
            "INSERT INTO users (age) VALUES (1), (2)")) {
      Realm from = realm(table("users", ID, col("age", "integer", true)));
      Realm to = realm(table("users", ID, col("age", "bigint", true)));
      List<Impact> impacts =
          new ImpactEstimator("sqlite", TableStats.forDialect("sqlite", c))
              .estimate(
                  Fixtures.plan(
                      from,
                      to,
                      "CREATE TABLE new_users (id integer PRIMARY KEY, age bigint)",
                      "INSERT INTO new_users (id, age) SELECT id, age FROM users",
                      "DROP TABLE users",
                      "ALTER TABLE new_users RENAME TO users"),
                  from);
      assertEquals(Work.NONE, impacts.get(0).work());
      Impact copy = impacts.get(1);
      assertEquals("users", copy.table());
      assertEquals(2L, copy.rows());
      assertTrue(copy.rewrites());
      assertEquals(Duration.INSTANT, copy.duration());
      assertEquals("database write lock", copy.lock());
    }
  }

  /**
   * Statements after a table rename name the table by its new name; their impact is that table's,
   * with the statistics it has under its old name (it was taken for a new, empty table before).
   */
  @Test
  void statementsOnARenamedTableUseItsStatistics() throws Exception {
    try (Connection c =
        Fixtures.sqlite(
            "CREATE TABLE users (id integer PRIMARY KEY, age integer)",
            "INSERT INTO users (age) VALUES (1), (2), (3)")) {
      Realm from = realm(table("users", ID, col("age", "integer", true)));
      Table people = table("people", ID, col("age", "bigint", true));
      people =
          new Table(
              people.name(),
              people.columns(),
              people.primaryKey(),
              people.indexes(),
              people.foreignKeys(),
              people.checks(),
              null,
              people.attrs().with(dev.strata.diff.Differ.RENAMED_FROM, "users"));
      Realm to = realm(people);
      List<Impact> impacts =
          new ImpactEstimator("sqlite", TableStats.forDialect("sqlite", c))
              .estimate(
                  Fixtures.plan(
                      from,
                      to,
                      "ALTER TABLE users RENAME TO people",
                      "CREATE TABLE new_people (id integer PRIMARY KEY, age bigint)",
                      "INSERT INTO new_people (id, age) SELECT id, age FROM people",
                      "DROP TABLE people",
                      "ALTER TABLE new_people RENAME TO people"),
                  from);
      assertEquals("users", impacts.get(0).table());
      Impact copy = impacts.get(2);
      assertEquals("people", copy.table());
      assertEquals(3L, copy.rows());
      assertTrue(copy.rewrites());
    }
  }

  /** Moving a column rebuilds the table on MySQL 8 and is instant on MariaDB. */
  @Test
  void mysqlColumnMoveRewritesOnMysqlOnly() {
    Table before =
        table("events", ID, col("a", "int", true), col("b", "int", true), col("c", "int", true));
    Table after =
        table("events", ID, col("c", "int", true), col("a", "int", true), col("b", "int", true));
    TableStats stats = (schema, table) -> Optional.of(new TableStat(5_000_000, 1L << 30, true));
    Realm from = realm(before);
    Realm to = realm(after);
    for (String version : List.of("8.0.36", "10.11.6-MariaDB")) {
      dev.strata.plan.Plan plan =
          new dev.strata.dialect.mysql.MysqlPlanner(
                  dev.strata.dialect.mysql.MysqlServer.parse(version))
              .plan(
                  new dev.strata.diff.Differ(new dev.strata.dialect.mysql.MysqlDiffHooks())
                      .diff(from, to),
                  from,
                  to);
      Impact move = new ImpactEstimator("mysql", stats).estimate(plan, from).get(0);
      assertEquals(version.startsWith("8") ? Work.REWRITE : Work.NONE, move.work(), version);
    }
  }

  @Test
  void postgresLocksAndDurationClasses() {
    Table before = table("events", ID, col("kind", "integer", true));
    Table after = table("events", ID, col("kind", "bigint", false));
    TableStats stats = (schema, table) -> Optional.of(new TableStat(50_000_000, 8L << 30, true));
    Realm from = realm(before);
    List<Impact> impacts =
        new ImpactEstimator("postgres", stats)
            .estimate(
                Fixtures.plan(
                    from,
                    realm(after),
                    "ALTER TABLE \"events\" ALTER COLUMN \"kind\" TYPE bigint",
                    "ALTER TABLE \"events\" ALTER COLUMN \"kind\" SET NOT NULL",
                    "CREATE INDEX CONCURRENTLY events_kind ON events (kind)",
                    "CREATE TABLE other (id int)"),
                from);
    assertEquals(
        new Impact(
            0, "events", 50_000_000L, 8L << 30, "ACCESS EXCLUSIVE", Work.REWRITE, Duration.MINUTES),
        impacts.get(0));
    assertEquals(Work.SCAN, impacts.get(1).work());
    assertEquals(Duration.SECONDS, impacts.get(1).duration());
    assertEquals("SHARE UPDATE EXCLUSIVE", impacts.get(2).lock());
    assertEquals(Duration.MINUTES, impacts.get(2).duration());
    assertEquals(null, impacts.get(3).table());
    assertEquals(Duration.INSTANT, impacts.get(3).duration());
    assertEquals(
        Duration.HOURS,
        new ImpactEstimator("postgres", (s, t) -> Optional.of(new TableStat(900_000_000, -1, true)))
            .estimate(
                Fixtures.plan(
                    from, realm(after), "ALTER TABLE events ALTER COLUMN kind TYPE bigint"),
                from)
            .get(0)
            .duration());
  }
}
