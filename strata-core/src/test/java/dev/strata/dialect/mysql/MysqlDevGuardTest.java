package dev.strata.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.InputException;
import dev.strata.Strata;
import dev.strata.dialect.DbUrl;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.source.LoadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a desired state runs it on a dev database on a real server (by default the target's);
 * nothing in it may reach another database. Before the guard, {@code schema apply --dry-run} with
 * {@code CREATE TABLE other.t} in the desired SQL created that table in the user's database, and an
 * HCL file for a server URL created its tables in the real databases it named.
 */
class MysqlDevGuardTest {
  @TempDir Path tmp;

  @Test
  void qualifiersOfTheTargetPointAtTheDevDatabase() {
    assertEquals(
        "CREATE TABLE `strata_dev_x`.t (id int, u int REFERENCES `strata_dev_x`.`users` (id))",
        MysqlDevGuard.check(
            "CREATE TABLE app.t (id int, u int REFERENCES `app`.`users` (id))",
            "strata_dev_x",
            "app"));
    assertEquals(
        "ALTER DATABASE `strata_dev_x` CHARACTER SET latin1",
        MysqlDevGuard.check("ALTER DATABASE app CHARACTER SET latin1", "strata_dev_x", "app"));
    assertEquals(
        "ALTER DATABASE COMMENT 'x'",
        MysqlDevGuard.check("ALTER DATABASE COMMENT 'x'", "strata_dev_x", "app"));
    assertEquals(
        "CREATE INDEX i ON `strata_dev_x`.t (a)",
        MysqlDevGuard.check("CREATE INDEX i ON APP.t (a)", "strata_dev_x", "app"));
  }

  @Test
  void columnReferencesStringsAndCommentsAreNotDatabases() {
    String view =
        "CREATE VIEW v AS SELECT t.id, 'other.t' AS s FROM t JOIN u ON t.id = u.id"
            + " WHERE u.x > 1.5 -- other.t\n /* other.t */";
    assertEquals(view, MysqlDevGuard.check(view, "strata_dev_x", "app"));
    String check = "CREATE TABLE t (a int, b int, CHECK (t.a < t.b))";
    assertEquals(check, MysqlDevGuard.check(check, "strata_dev_x", "app"));
    String trigger = "CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.a = NEW.b";
    assertEquals(trigger, MysqlDevGuard.check(trigger, "strata_dev_x", "app"));
  }

  @Test
  void otherDatabasesAndDatabaseStatementsAreRefused() {
    for (String sql :
        new String[] {
          "CREATE TABLE other.t (id int)",
          "CREATE TABLE t (u int, FOREIGN KEY (u) REFERENCES `other`.`users` (id))",
          "CREATE VIEW v AS SELECT a FROM t, other.u",
          "CREATE TRIGGER trg AFTER INSERT ON t FOR EACH ROW INSERT INTO other.log VALUES (1)",
          "CREATE VIEW v AS SELECT other.t.id FROM t",
          "CREATE INDEX i ON other.t (a)",
          "DROP TABLE IF EXISTS other.t",
          "/*!40101 CREATE TABLE other.t (id int) */",
        }) {
      MysqlDevGuard.Refused e =
          assertThrows(
              MysqlDevGuard.Refused.class, () -> MysqlDevGuard.check(sql, "strata_dev_x", "app"));
      assertTrue(e.getMessage().contains("names database `other`"), sql + ": " + e.getMessage());
    }
    for (String sql :
        new String[] {
          "CREATE DATABASE x", "create schema x", "DROP DATABASE app", "USE x", "ALTER DATABASE x"
        }) {
      MysqlDevGuard.Refused e =
          assertThrows(
              MysqlDevGuard.Refused.class, () -> MysqlDevGuard.check(sql, "strata_dev_x", "app"));
      assertTrue(
          e.getMessage().contains("must not create, alter, drop or switch databases"),
          e.getMessage());
    }
  }

  @Test
  void desiredSqlNamingAnotherDatabaseChangesNothingThere() throws Exception {
    try (MysqlTestDb target = MysqlTestDb.create();
        MysqlTestDb other = MysqlTestDb.create()) {
      Strata s = MysqlApplyTest.strata(target);
      Path f =
          Files.writeString(
              tmp.resolve("d.sql"),
              "CREATE TABLE t (id int PRIMARY KEY);\n"
                  + "CREATE TABLE `"
                  + other.name()
                  + "`.sneaky (id int PRIMARY KEY);\n");
      InputException e = assertThrows(InputException.class, () -> s.load("file://" + f));
      assertTrue(
          e.getMessage()
              .startsWith(
                  f
                      + ":2: the desired state may only name its own"
                      + " database ("
                      + target.name()
                      + ", or no qualifier)"),
          e.getMessage());
      assertEquals(0, tables(other), "nothing was created in the other database");
      assertEquals(0, tables(target), "nor in the target (statement 1 did not run either)");
    }
  }

  @Test
  void desiredSqlQualifiedWithTheTargetLoadsOnTheDevDatabase() throws Exception {
    try (MysqlTestDb target = MysqlTestDb.create()) {
      Strata s = MysqlApplyTest.strata(target);
      Path f =
          Files.writeString(
              tmp.resolve("d.sql"),
              "CREATE TABLE `" + target.name() + "`.t (id int PRIMARY KEY);\n");
      Realm want = s.load("file://" + f);
      assertEquals(0, tables(target), "loading the desired state did not touch the target");
      Plan plan = s.plan(s.inspect(target.url()), want);
      assertTrue(PlanText.sql(plan).contains("CREATE TABLE `t`"), PlanText.sql(plan));
    }
  }

  /**
   * Loading HCL whose schema has another charset runs ALTER DATABASE on the dev database, not on
   * the target (before the guard it altered the target during the load, even for a dry run).
   */
  @Test
  void hclChangingTheCharsetAltersOnlyTheDevDatabaseWhileLoading() throws Exception {
    try (MysqlTestDb target = MysqlTestDb.create()) {
      target.exec(
          "ALTER DATABASE `" + target.name() + "` CHARACTER SET latin1 COLLATE latin1_swedish_ci");
      Strata s = MysqlApplyTest.strata(target);
      Path f =
          Files.writeString(
              tmp.resolve("d.hcl"),
              "schema \""
                  + target.name()
                  + "\" {\n  charset = \"utf8mb4\"\n  collate = \"utf8mb4_bin\"\n"
                  + "  comment = \"billing\"\n}\n");
      Realm want = s.load("file://" + f);
      assertEquals(
          "latin1_swedish_ci",
          s.inspect(target.url()).schemas().get(0).attrs().get("collate"),
          "loading did not alter the target");
      Plan plan = s.plan(s.inspect(target.url()), want);
      String sql = PlanText.sql(plan);
      assertTrue(
          sql.contains(
              "ALTER DATABASE `"
                  + target.name()
                  + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin COMMENT 'billing'"),
          sql);
      s.apply(target.url(), plan, null);
      assertEquals("billing", s.inspect(target.url()).schemas().get(0).attrs().get("comment"));
      assertTrue(s.plan(s.inspect(target.url()), want).isEmpty(), "converged");
    }
  }

  @Test
  void hclForAServerUrlDoesNotCreateTablesInTheDatabasesItNames() throws Exception {
    try (MysqlTestDb real = MysqlTestDb.create()) {
      DbUrl server = DbUrl.parse(MysqlTestDb.server());
      Strata s = new Strata(new LoadContext(new MysqlDialect(), server, null, Map.of(), null));
      Path f =
          Files.writeString(
              tmp.resolve("d.hcl"),
              "schema \""
                  + real.name()
                  + "\" {}\n"
                  + "table \"t\" {\n  schema = schema."
                  + real.name()
                  + "\n  column \"id\" {\n    type = int\n  }\n}\n");
      InputException e = assertThrows(InputException.class, () -> s.load("file://" + f));
      assertTrue(
          e.getMessage().contains("must not create, alter, drop or switch databases"),
          e.getMessage());
      assertEquals(0, tables(real), "the real database stayed empty");
    }
  }

  private static long tables(MysqlTestDb db) throws Exception {
    return MysqlApplyTest.count(
        db, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()");
  }
}
