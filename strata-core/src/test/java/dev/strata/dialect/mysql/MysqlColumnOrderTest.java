package dev.strata.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.change.SchemaChange;
import dev.strata.change.TableChange;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.plan.Statement;
import dev.strata.project.DiffConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Column order on the local server: a moved column is planned as {@code MODIFY COLUMN ... AFTER} or
 * {@code FIRST} inside the table's one ALTER, the result has the desired order and keeps its rows,
 * a second plan is empty, and the reverse SQL restores the old order.
 */
class MysqlColumnOrderTest {
  @TempDir Path tmp;

  private static List<String> columns(MysqlTestDb db, String table) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.open();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA ="
                        + " DATABASE() AND TABLE_NAME = '"
                        + table
                        + "' ORDER BY ORDINAL_POSITION")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private Realm load(Strata s, String name, String sql) throws Exception {
    return s.load("file://" + Files.writeString(tmp.resolve(name), sql));
  }

  /** Runs the reverse of every statement, last statement first. */
  private static void revert(MysqlTestDb db, Plan plan) throws Exception {
    List<Statement> st = new ArrayList<>(plan.statements());
    Collections.reverse(st);
    for (Statement s : st) {
      db.exec(s.reverse());
    }
  }

  @Test
  void movesRenamesAddsAndRevertsInOneAlter() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      db.exec(
          "CREATE TABLE t (id int PRIMARY KEY, a int, b varchar(10), c int NOT NULL DEFAULT 3,"
              + " d date)",
          "INSERT INTO t VALUES (1, 10, 'x', 30, '2024-01-02'), (2, 20, 'y', 40, NULL)");
      Strata s = MysqlApplyTest.strata(db);
      Realm want =
          load(
              s,
              "desired.sql",
              "CREATE TABLE t (\n id int PRIMARY KEY,\n c int NOT NULL DEFAULT 3,\n a int,\n"
                  + " n int,\n b2 varchar(10), -- strata:renamed_from b\n d date\n);\n");
      Plan plan = s.plan(s.inspect(db.url()), want);
      assertEquals(1, plan.statements().size(), PlanText.sql(plan));
      String sql = plan.statements().get(0).sql();
      assertTrue(sql.contains("MODIFY COLUMN `c` int NOT NULL DEFAULT 3 AFTER `id`"), sql);
      assertTrue(sql.contains("ADD COLUMN `n` int AFTER `a`"), sql);
      assertTrue(sql.contains("RENAME COLUMN `b` TO `b2`"), sql);
      assertTrue(sql.endsWith("ALGORITHM=INSTANT"), "MariaDB moves columns instantly: " + sql);
      assertFalse(sql.contains("MODIFY COLUMN `a`"), "only the moved column is touched: " + sql);
      s.apply(db.url(), plan, null);
      assertEquals(List.of("id", "c", "a", "n", "b2", "d"), columns(db, "t"));
      assertEquals(30 + 40, MysqlApplyTest.count(db, "SELECT SUM(c) FROM t"));
      assertEquals(1, MysqlApplyTest.count(db, "SELECT COUNT(*) FROM t WHERE b2 = 'x' AND a = 10"));
      Plan again = s.plan(s.inspect(db.url()), want);
      assertTrue(again.isEmpty(), PlanText.sql(again));

      revert(db, plan);
      assertEquals(List.of("id", "a", "b", "c", "d"), columns(db, "t"));
      assertEquals(2, MysqlApplyTest.count(db, "SELECT COUNT(*) FROM t WHERE b IS NOT NULL"));
    }
  }

  @Test
  void movesAColumnFirstAndTogetherWithATypeChange() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      db.exec("CREATE TABLE t (a int, b int, c smallint)", "INSERT INTO t VALUES (1, 2, 3)");
      Strata s = MysqlApplyTest.strata(db);
      Realm want = load(s, "desired.sql", "CREATE TABLE t (c bigint, a int, b int);");
      Plan plan = s.plan(s.inspect(db.url()), want);
      String sql = PlanText.sql(plan);
      assertTrue(sql.contains("MODIFY COLUMN `c` bigint FIRST"), sql);
      assertTrue(sql.contains("copies the table: column c changes type"), sql);
      s.apply(db.url(), plan, null);
      assertEquals(List.of("c", "a", "b"), columns(db, "t"));
      assertEquals(3, MysqlApplyTest.count(db, "SELECT c FROM t"));
      assertTrue(s.plan(s.inspect(db.url()), want).isEmpty());
      revert(db, plan);
      assertEquals(List.of("a", "b", "c"), columns(db, "t"));
    }
  }

  /**
   * A table with a FULLTEXT index cannot add, drop or move columns instantly, nor rebuild with
   * LOCK=NONE (MariaDB answers "Fulltext index creation requires a lock"): the plan leaves the
   * algorithm to the server and says writes wait; a rename alone stays instant.
   */
  @Test
  void fulltextTablesAreRebuiltWithoutLockNone() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      db.exec(
          "CREATE TABLE doc (id int PRIMARY KEY, a int, gone int, body text, FULLTEXT KEY ft (body))",
          "INSERT INTO doc VALUES (1, 1, 1, 'hello world'), (2, 2, 2, 'other text')");
      Strata s = MysqlApplyTest.strata(db);
      Realm want =
          load(
              s,
              "ft.sql",
              "CREATE TABLE doc (id int PRIMARY KEY, body text, n int, a int NOT NULL,"
                  + " FULLTEXT KEY ft (body));");
      Plan plan = s.plan(s.inspect(db.url()), want);
      String sql = PlanText.sql(plan);
      assertFalse(sql.contains("ALGORITHM"), sql);
      assertTrue(sql.contains("FULLTEXT index, so rebuilding it blocks writes"), sql);
      s.apply(db.url(), plan, null);
      assertEquals(List.of("id", "body", "n", "a"), columns(db, "doc"));
      assertTrue(s.plan(s.inspect(db.url()), want).isEmpty());
      assertEquals(
          1,
          MysqlApplyTest.count(
              db, "SELECT COUNT(*) FROM doc WHERE MATCH (body) AGAINST ('hello')"));

      Realm renamed =
          load(
              s,
              "ft2.sql",
              "CREATE TABLE doc (\n id int PRIMARY KEY,\n body text,\n"
                  + " n2 int, -- strata:renamed_from n\n a int NOT NULL,\n FULLTEXT KEY ft (body));");
      Plan rename = s.plan(s.inspect(db.url()), renamed);
      assertTrue(PlanText.sql(rename).contains("ALGORITHM=INSTANT"), PlanText.sql(rename));
      s.apply(db.url(), rename, null);
      assertEquals(List.of("id", "body", "n2", "a"), columns(db, "doc"));
    }
  }

  /** Random permutations, with a column added in some rounds, converge and revert. */
  @Test
  void randomPermutationsConvergeAndRevert() throws Exception {
    Random random = new Random(42);
    for (int round = 0; round < 6; round++) {
      try (MysqlTestDb db = MysqlTestDb.create()) {
        Strata s = MysqlApplyTest.strata(db);
        List<String> before = new ArrayList<>(List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6"));
        Collections.shuffle(before, random);
        List<String> after = new ArrayList<>(before);
        Collections.shuffle(after, random);
        if (round % 2 == 1) {
          after.add(random.nextInt(after.size()), "n" + round);
        }
        db.exec("CREATE TABLE t (" + defs(before) + ")", "INSERT INTO t (c0, c3) VALUES (7, 8)");
        Realm want = load(s, "r" + round + ".sql", "CREATE TABLE t (" + defs(after) + ");");
        Plan plan = s.plan(s.inspect(db.url()), want);
        s.apply(db.url(), plan, null);
        String context = before + " -> " + after + "\n" + PlanText.sql(plan);
        assertEquals(after, columns(db, "t"), context);
        assertEquals(7, MysqlApplyTest.count(db, "SELECT c0 FROM t WHERE c3 = 8"));
        Plan again = s.plan(s.inspect(db.url()), want);
        assertTrue(again.isEmpty(), PlanText.sql(again));
        revert(db, plan);
        assertEquals(before, columns(db, "t"), "reverse of " + context);
      }
    }
  }

  private static String defs(List<String> cols) {
    List<String> out = new ArrayList<>();
    for (String c : cols) {
      out.add(c + " int");
    }
    return String.join(", ", out);
  }

  @Test
  void skippingColumnPositionLeavesColumnsInPlace() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      db.exec("CREATE TABLE t (a int, b int, c int)");
      Strata s = MysqlApplyTest.strata(db);
      Realm want = load(s, "desired.sql", "CREATE TABLE t (b int, a int, c bigint);");
      Realm have = s.inspect(db.url());
      Plan plan = s.plan(have, want, new DiffConfig(Set.of("column_position"), false, false));
      String sql = PlanText.sql(plan);
      assertFalse(sql.contains("FIRST") || sql.contains("AFTER"), sql);
      assertTrue(sql.contains("MODIFY COLUMN `c` bigint"), sql);
      SchemaChange.ModifyTable m = (SchemaChange.ModifyTable) plan.changes().get(0);
      assertEquals(1, m.changes().size());
      assertFalse(
          ((TableChange.ModifyColumn) m.changes().get(0))
              .kinds()
              .contains(SchemaChange.ColumnChangeKind.POSITION));
      s.apply(db.url(), plan, null);
      assertEquals(List.of("a", "b", "c"), columns(db, "t"));
    }
  }
}
