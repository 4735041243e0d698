package dev.strata.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.model.Attrs;
import dev.strata.model.Realm;
import dev.strata.model.View;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * View ALGORITHM, SQL SECURITY, DEFINER and CHECK OPTION: read back from the local server,
 * compared, and changed with {@code CREATE OR REPLACE VIEW}; from SQL and from HCL.
 */
class MysqlViewAttrsTest {
  @TempDir Path tmp;

  private static View view(Strata s, MysqlTestDb db, String name) {
    return s.inspect(db.url()).schemas().get(0).views().stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void changesAlgorithmSecurityDefinerAndCheckOptionAndBack() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      db.exec("CREATE TABLE t (id int PRIMARY KEY, v int)", "CREATE VIEW w AS SELECT id, v FROM t");
      Strata s = MysqlApplyTest.strata(db);
      assertEquals(Attrs.EMPTY, view(s, db, "w").attrs(), "defaults are not recorded");
      String table = "CREATE TABLE t (id int PRIMARY KEY, v int);\n";
      Realm want =
          s.load(
              "file://"
                  + Files.writeString(
                      tmp.resolve("want.sql"),
                      table
                          + "CREATE ALGORITHM=MERGE DEFINER=`strata_nobody`@`localhost`"
                          + " SQL SECURITY INVOKER VIEW w AS SELECT id, v FROM t"
                          + " WHERE v > 0 WITH LOCAL CHECK OPTION;\n"));
      Plan plan = s.plan(s.inspect(db.url()), want);
      String sql = PlanText.sql(plan);
      assertTrue(
          sql.contains(
              "CREATE OR REPLACE ALGORITHM=MERGE DEFINER=`strata_nobody`@`localhost`"
                  + " SQL SECURITY INVOKER VIEW `w` AS "),
          sql);
      assertTrue(sql.contains("WITH LOCAL CHECK OPTION"), sql);
      s.apply(db.url(), plan, null);
      Attrs a = view(s, db, "w").attrs();
      assertEquals("MERGE", a.get("algorithm"));
      assertEquals("INVOKER", a.get("security"));
      assertEquals("strata_nobody@localhost", a.get("definer"));
      assertEquals("LOCAL", a.get("check_option"));
      Plan again = s.plan(s.inspect(db.url()), want);
      assertTrue(again.isEmpty(), PlanText.sql(again));

      Realm plain =
          s.load(
              "file://"
                  + Files.writeString(
                      tmp.resolve("plain.sql"), table + "CREATE VIEW w AS SELECT id, v FROM t;\n"));
      Plan back = s.plan(s.inspect(db.url()), plain);
      assertTrue(PlanText.sql(back).contains("CREATE OR REPLACE VIEW `w` AS "), PlanText.sql(back));
      assertTrue(
          PlanText.reverse(back).contains("DEFINER=`strata_nobody`@`localhost`"),
          PlanText.reverse(back));
      s.apply(db.url(), back, null);
      assertEquals(Attrs.EMPTY, view(s, db, "w").attrs());
      assertTrue(s.plan(s.inspect(db.url()), plain).isEmpty());
    }
  }

  @Test
  void hclAttributesConverge() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      db.exec("CREATE TABLE t (id int NOT NULL, PRIMARY KEY (id))");
      Strata s = MysqlApplyTest.strata(db);
      String hcl =
          """
          schema "%s" {}
          table "t" {
            schema = schema.%s
            column "id" {
              null = false
              type = int
            }
            primary_key {
              columns = [column.id]
            }
          }
          view "w" {
            schema = schema.%s
            as = "SELECT id FROM t"
            algorithm = TEMPTABLE
            security = INVOKER
            definer = "strata_nobody@%%"
          }
          """
              .formatted(db.name(), db.name(), db.name());
      Realm want = s.load("file://" + Files.writeString(tmp.resolve("schema.hcl"), hcl));
      Plan plan = s.plan(s.inspect(db.url()), want);
      assertTrue(
          PlanText.sql(plan)
              .contains(
                  "CREATE ALGORITHM=TEMPTABLE DEFINER=`strata_nobody`@`%` SQL SECURITY INVOKER"),
          PlanText.sql(plan));
      s.apply(db.url(), plan, null);
      Attrs a = view(s, db, "w").attrs();
      assertEquals("TEMPTABLE", a.get("algorithm"));
      assertEquals("strata_nobody@%", a.get("definer"));
      assertNull(a.get("check_option"));
      assertTrue(s.plan(s.inspect(db.url()), want).isEmpty());
    }
  }

  @Test
  void readsTheAlgorithmFromShowCreateView() {
    assertEquals(
        "MERGE",
        MysqlObjects.algorithmOf(
            "CREATE ALGORITHM=MERGE DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `v` AS"
                + " select 1 AS `1`"));
    assertEquals(
        "TEMPTABLE",
        MysqlObjects.algorithmOf("CREATE OR REPLACE algorithm = temptable VIEW `v` AS select 1"));
    assertNull(
        MysqlObjects.algorithmOf(
            "CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`%` SQL SECURITY DEFINER VIEW `v` AS"
                + " select 'ALGORITHM=MERGE' AS `x`"));
    assertNull(MysqlObjects.algorithmOf("CREATE VIEW `v` AS select 'ALGORITHM=MERGE' AS `x`"));
    assertEquals("`a``b`@`%`", MysqlDdl.definer("a`b@%"));
  }
}
