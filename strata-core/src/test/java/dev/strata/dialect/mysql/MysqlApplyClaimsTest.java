package dev.strata.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.apply.ApplyException;
import dev.strata.dialect.DbUrl;
import dev.strata.plan.Plan;
import dev.strata.plan.Statement;
import dev.strata.source.LoadContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The apply claims of the MySQL docs, one by one, on the local server. */
class MysqlApplyClaimsTest {
  private static Plan plan(String... sql) {
    return new Plan(
        List.of(),
        java.util.Arrays.stream(sql).map(s -> new Statement(s, null, "step")).toList(),
        false);
  }

  /**
   * A statement that failed outright (not interrupted) is not taken for applied when the same plan
   * runs again: "duplicate column" then means the plan no longer fits the database.
   */
  @Test
  void aFailedStatementIsNotCountedAsAppliedOnTheNextRun() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      db.exec("CREATE TABLE a (id int PRIMARY KEY, x int)");
      Strata s = MysqlApplyTest.strata(db);
      Plan p = plan("ALTER TABLE a ADD COLUMN y int", "ALTER TABLE a ADD COLUMN x int");
      ApplyException first = assertThrows(ApplyException.class, () -> s.apply(db.url(), p, null));
      assertEquals(2, first.failedIndex());
      ApplyException again = assertThrows(ApplyException.class, () -> s.apply(db.url(), p, null));
      assertEquals(2, again.failedIndex(), "statement 2 still fails: " + again.getMessage());
      assertTrue(again.getMessage().contains("Duplicate column"), again.getMessage());
      assertEquals(1, again.appliedCount());
    }
  }

  /**
   * Applying through a server URL (no database) works: progress goes to a database of its own,
   * which is there while the apply is interrupted and removed once a plan completes.
   */
  @Test
  void appliesWithAServerUrl() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      DbUrl server = DbUrl.parse(MysqlTestDb.server());
      Strata s = new Strata(new LoadContext(new MysqlDialect(), server, null, Map.of(), null));
      Plan p =
          plan(
              "CREATE TABLE `" + db.name() + "`.`t` (id int PRIMARY KEY)",
              "ALTER TABLE `" + db.name() + "`.`t` ADD COLUMN a int",
              "ALTER TABLE `" + db.name() + "`.`t` ADD COLUMN a int");
      boolean existed = progressDatabaseExists();
      try {
        ApplyException failed = assertThrows(ApplyException.class, () -> s.apply(server, p, null));
        assertEquals(3, failed.failedIndex(), failed.getMessage());
        assertTrue(
            progressDatabaseExists(), "progress is kept in " + MysqlDialect.PROGRESS_DATABASE);
        db.exec("ALTER TABLE t DROP COLUMN a");
        assertEquals(1, s.apply(server, p, null), "the failed statement 3 runs again");
        if (!existed) {
          assertTrue(
              !progressDatabaseExists(),
              MysqlDialect.PROGRESS_DATABASE + " is dropped once the plan completed");
        }
      } finally {
        if (!existed) {
          try (Connection c = MysqlTestDb.admin()) {
            c.createStatement()
                .execute("DROP DATABASE IF EXISTS `" + MysqlDialect.PROGRESS_DATABASE + "`");
          }
        }
      }
      assertEquals(
          1,
          MysqlApplyTest.count(
              db,
              "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                  + " AND TABLE_NAME = 't'"));
    }
  }

  /**
   * The CLI's path (plan file, revision log) through a server URL: the apply is recorded, and no
   * progress database is left behind.
   */
  @Test
  void recordedApplyWithAServerUrl() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      DbUrl server = DbUrl.parse(MysqlTestDb.server());
      Strata s = new Strata(new LoadContext(new MysqlDialect(), server, null, Map.of(), null));
      Plan p = plan("CREATE TABLE `" + db.name() + "`.`t` (id int PRIMARY KEY)");
      // no schema hashes: other databases on the shared server change while this test runs
      dev.strata.plan.PlanFile file =
          new dev.strata.plan.PlanFile(
              java.time.Instant.now().toString(),
              server.raw(),
              "mysql",
              null,
              null,
              false,
              p.statements(),
              dev.strata.lint.LintReport.EMPTY,
              List.of(),
              null);
      boolean existed = progressDatabaseExists();
      try {
        assertEquals(1, s.applyRecorded(server, file, null));
        try (Connection c = MysqlTestDb.admin();
            ResultSet rs =
                c.createStatement()
                    .executeQuery(
                        "SELECT COUNT(*) FROM `"
                            + MysqlDialect.PROGRESS_DATABASE
                            + "`.strata_schema_revisions WHERE sql_text LIKE '%"
                            + db.name()
                            + "%' AND result = 'ok'")) {
          rs.next();
          assertEquals(1, rs.getInt(1), "the apply is in the server's revision history");
        }
        assertTrue(
            progressDatabaseExists(),
            MysqlDialect.PROGRESS_DATABASE + " stays: it holds the revision history");
      } finally {
        if (!existed) {
          try (Connection c = MysqlTestDb.admin()) {
            c.createStatement()
                .execute("DROP DATABASE IF EXISTS `" + MysqlDialect.PROGRESS_DATABASE + "`");
          }
        }
      }
    }
  }

  private static boolean progressDatabaseExists() throws Exception {
    try (Connection c = MysqlTestDb.admin();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '"
                        + MysqlDialect.PROGRESS_DATABASE
                        + "'")) {
      rs.next();
      return rs.getInt(1) > 0;
    }
  }

  /** lock_wait_timeout is set on the applying session (10 s by default). */
  @Test
  void setsLockWaitTimeoutForTheApply() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create();
        Connection c = db.open()) {
      new MysqlDialect().beforeApply(c, plan());
      try (ResultSet rs = c.createStatement().executeQuery("SELECT @@SESSION.lock_wait_timeout")) {
        rs.next();
        assertEquals(10, rs.getInt(1));
      }
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "SELECT IS_USED_LOCK('strata_apply:" + db.name() + "') = CONNECTION_ID()")) {
        rs.next();
        assertEquals(1, rs.getInt(1), "the apply lock is held by the applying session");
      }
      new MysqlDialect().afterApply(c, plan());
      try (ResultSet rs =
          c.createStatement()
              .executeQuery("SELECT IS_FREE_LOCK('strata_apply:" + db.name() + "')")) {
        rs.next();
        assertEquals(1, rs.getInt(1));
      }
    }
  }
}
