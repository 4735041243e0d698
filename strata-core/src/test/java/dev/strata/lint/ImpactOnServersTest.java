package dev.strata.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.dialect.Dialect;
import dev.strata.lint.impact.Impact;
import dev.strata.lint.impact.Impact.Duration;
import dev.strata.lint.impact.Impact.Work;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.Statement;
import dev.strata.project.DiffConfig;
import dev.strata.source.LoadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Impact estimates from real catalog statistics after ANALYZE: PostgreSQL {@code
 * pg_class.reltuples} and {@code pg_total_relation_size}, MariaDB {@code
 * information_schema.TABLES}. A table with a known number of rows; per statement the row count,
 * size, lock, whether it rewrites, and the duration class.
 */
class ImpactOnServersTest {
  @TempDir Path tmp;

  private Impact impact(TestDb db, String desiredSql, String sqlPart, DiffConfig diff)
      throws Exception {
    Dialect d = Strata.dialectFor(db.url());
    Strata s = new Strata(new LoadContext(d, db.url(), null, Map.of(), null));
    Path f = Files.createTempFile(tmp, "desired", ".sql");
    Files.writeString(f, desiredSql);
    Realm desired = s.load("file://" + f);
    Realm current = s.inspect(db.url());
    Plan plan = s.plan(current, desired, diff);
    List<String> sql = plan.statements().stream().map(Statement::sql).toList();
    int at = -1;
    for (int i = 0; i < sql.size(); i++) {
      if (sql.get(i).contains(sqlPart)) {
        at = i;
      }
    }
    assertTrue(at >= 0, sqlPart + " not in " + sql);
    Impact i = s.review(db.url(), plan, current, desired, List.of()).impact().get(at);
    assertEquals(at, i.statement());
    return i;
  }

  @Test
  void postgresFromReltuplesAfterAnalyze() throws Exception {
    try (TestDb db = TestDb.create("postgres", tmp)) {
      db.exec(
          "CREATE TABLE t (id int PRIMARY KEY, n int)",
          "INSERT INTO t SELECT g, g % 100 FROM generate_series(1, 250000) g",
          "VACUUM ANALYZE t");
      long bytes = Long.parseLong(db.query("SELECT pg_total_relation_size('public.t')"));
      String base = "CREATE TABLE t (id int PRIMARY KEY, n %s%s);%s";

      Impact add =
          impact(
              db, String.format(base, "int", ", note text", ""), "ADD COLUMN", DiffConfig.DEFAULT);
      assertEquals("t", add.table());
      assertEquals(250_000L, add.rows());
      assertEquals(bytes, add.bytes());
      assertEquals("ACCESS EXCLUSIVE", add.lock());
      assertEquals(Work.NONE, add.work());
      assertEquals(Duration.INSTANT, add.duration());

      // 250,000 rows rewritten at ~100,000 rows/s: seconds
      Impact type =
          impact(db, String.format(base, "bigint", "", ""), "TYPE bigint", DiffConfig.DEFAULT);
      assertEquals(250_000L, type.rows());
      assertEquals(bytes, type.bytes());
      assertEquals("ACCESS EXCLUSIVE", type.lock());
      assertTrue(type.rewrites());
      assertEquals(Duration.SECONDS, type.duration());

      // an index build at ~300,000 rows/s: under a second; concurrently it takes a weaker lock
      String indexed = String.format(base, "int", "", "CREATE INDEX t_n ON t (n);");
      Impact build = impact(db, indexed, "CREATE INDEX", DiffConfig.DEFAULT);
      assertEquals("SHARE", build.lock());
      assertEquals(Work.BUILD, build.work());
      assertEquals(Duration.INSTANT, build.duration());
      Impact concurrent = impact(db, indexed, "CREATE INDEX", new DiffConfig(Set.of(), true, true));
      assertEquals("SHARE UPDATE EXCLUSIVE", concurrent.lock());
      assertEquals(250_000L, concurrent.rows());

      // the estimate follows the statistics: after deleting most rows and analyzing again
      db.exec("DELETE FROM t WHERE id > 50000", "VACUUM ANALYZE t");
      Impact smaller =
          impact(db, String.format(base, "bigint", "", ""), "TYPE bigint", DiffConfig.DEFAULT);
      assertEquals(50_000L, smaller.rows());
      assertEquals(Duration.INSTANT, smaller.duration());
    }
  }

  @Test
  void mariadbFromInformationSchemaTables() throws Exception {
    try (TestDb db = TestDb.create("maria", tmp)) {
      db.exec(
          "CREATE TABLE t (id int PRIMARY KEY, n int) ENGINE=InnoDB",
          "INSERT INTO t SELECT seq, seq % 100 FROM seq_1_to_150000",
          "ANALYZE TABLE t");
      long rows =
          Long.parseLong(
              db.query(
                  "SELECT TABLE_ROWS FROM information_schema.TABLES"
                      + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't'"));
      long bytes =
          Long.parseLong(
              db.query(
                  "SELECT DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES"
                      + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't'"));
      // InnoDB's TABLE_ROWS is a sampled estimate
      assertTrue(rows > 105_000 && rows < 195_000, "TABLE_ROWS " + rows);
      String base = "CREATE TABLE t (id int PRIMARY KEY, n %s%s);";

      Impact add = impact(db, String.format(base, "int", ", note text"), "ADD", DiffConfig.DEFAULT);
      assertEquals("t", add.table());
      assertEquals(rows, add.rows());
      assertEquals(bytes, add.bytes());
      assertEquals("metadata lock", add.lock());
      assertEquals(Work.NONE, add.work());
      assertEquals(Duration.INSTANT, add.duration());

      Impact type = impact(db, String.format(base, "bigint", ""), "bigint", DiffConfig.DEFAULT);
      assertEquals(rows, type.rows());
      assertEquals("SHARED (ALGORITHM=COPY, writes blocked)", type.lock());
      assertTrue(type.rewrites());
      assertEquals(Duration.SECONDS, type.duration());
    }
  }
}
