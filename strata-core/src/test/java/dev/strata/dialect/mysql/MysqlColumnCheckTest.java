package dev.strata.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.plan.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MariaDB column-level CHECK constraints belong to their column: changing the column, the check, or
 * moving the column restates the column with its check, and the check keeps being enforced.
 */
class MysqlColumnCheckTest {
  @TempDir Path tmp;

  private Plan migrate(MysqlTestDb db, String desiredSql) throws Exception {
    Strata s = MysqlApplyTest.strata(db);
    Realm want = s.load("file://" + Files.writeString(tmp.resolve("d.sql"), desiredSql));
    Plan plan = s.plan(s.inspect(db.url()), want);
    s.apply(db.url(), plan, null);
    Plan again = s.plan(s.inspect(db.url()), want);
    assertTrue(again.isEmpty(), "after\n" + PlanText.sql(plan) + "\nstill\n" + PlanText.sql(again));
    return plan;
  }

  private static void revert(MysqlTestDb db, Plan plan) throws SQLException {
    List<Statement> st = new ArrayList<>(plan.statements());
    Collections.reverse(st);
    for (Statement s : st) {
      db.exec(s.reverse());
    }
  }

  @Test
  void typeChangeKeepsTheColumnCheck() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      db.exec("CREATE TABLE o (id int PRIMARY KEY, s varchar(20) CHECK (s IN ('a', 'b')))");
      Plan plan =
          migrate(
              db, "CREATE TABLE o (id int PRIMARY KEY, s varchar(40) CHECK (s IN ('a', 'b')));");
      String sql = PlanText.sql(plan);
      assertTrue(sql.contains("MODIFY COLUMN `s` varchar(40) CHECK ("), sql);
      assertFalse(sql.contains("CONSTRAINT"), sql);
      assertThrows(SQLException.class, () -> db.exec("INSERT INTO o VALUES (1, 'z')"));
      revert(db, plan);
      assertThrows(SQLException.class, () -> db.exec("INSERT INTO o VALUES (1, 'z')"));
    }
  }

  @Test
  void changesDropsAndMovesAColumnCheck() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      db.exec("CREATE TABLE o (id int PRIMARY KEY, s varchar(20) CHECK (s IN ('a', 'b')), n int)");
      Plan change =
          migrate(
              db,
              "CREATE TABLE o (id int PRIMARY KEY, n int,"
                  + " s varchar(20) DEFAULT 'a' CHECK (s IN ('a', 'b', 'c')));");
      assertEquals(1, change.statements().size(), PlanText.sql(change));
      db.exec("INSERT INTO o (id, n, s) VALUES (1, 1, 'c')");
      assertThrows(SQLException.class, () -> db.exec("INSERT INTO o VALUES (2, 2, 'z')"));

      Plan drop = migrate(db, "CREATE TABLE o (id int PRIMARY KEY, n int, s varchar(20));");
      assertFalse(PlanText.sql(drop).contains("DROP CONSTRAINT"), PlanText.sql(drop));
      db.exec("INSERT INTO o VALUES (3, 3, 'z')");
      db.exec("DELETE FROM o WHERE id = 3");
      revert(db, drop);
      assertThrows(SQLException.class, () -> db.exec("INSERT INTO o VALUES (3, 3, 'z')"));
    }
  }
}
