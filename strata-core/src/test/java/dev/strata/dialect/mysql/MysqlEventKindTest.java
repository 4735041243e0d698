package dev.strata.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.model.Realm;
import dev.strata.model.SchemaObject;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.schemahcl.SchemaHclEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events are their own kind of object: MySQL keeps functions, procedures and events in separate
 * namespaces, so a function and an event may share a name. On the local MariaDB: both are created
 * from HCL (the function first, since the event calls it), a second plan is empty, the inspected
 * HCL has both blocks, and dropping the event keeps the function.
 */
class MysqlEventKindTest {
  @TempDir Path tmp;

  private static String hcl(String db, boolean withEvent) {
    String s =
        "schema \""
            + db
            + "\" {}\n"
            + "table \"hits\" {\n  schema = schema."
            + db
            + "\n  column \"n\" {\n    type = int\n  }\n}\n"
            + "function \"tick\" {\n  schema = schema."
            + db
            + "\n  as = \"CREATE FUNCTION `tick`(x int) RETURNS int DETERMINISTIC RETURN x + 1\"\n}\n";
    if (withEvent) {
      s +=
          "event \"tick\" {\n  schema = schema."
              + db
              + "\n  as = \"CREATE EVENT `tick` ON SCHEDULE EVERY 1 DAY"
              + " DO INSERT INTO `hits` VALUES (`tick`(1))\"\n}\n";
    }
    return s;
  }

  private static List<String> objects(MysqlTestDb db) throws Exception {
    try (Connection c = db.open();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT CONCAT(LOWER(ROUTINE_TYPE), ' ', ROUTINE_NAME) FROM"
                    + " information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()"
                    + " UNION ALL SELECT CONCAT('event ', EVENT_NAME) FROM"
                    + " information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE() ORDER BY 1")) {
      List<String> out = new java.util.ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  @Test
  void functionAndEventWithTheSameNameAreDistinct() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      Strata s = MysqlApplyTest.strata(db);
      Path both = Files.writeString(tmp.resolve("both.hcl"), hcl(db.name(), true));
      Realm want = s.load("file://" + both);
      assertEquals(
          List.of("function:tick", "event:tick"),
          want.schemas().get(0).objects().stream().map(o -> o.kind() + ":" + o.name()).toList());

      Plan plan = s.plan(s.inspect(db.url()), want);
      String sql = PlanText.sql(plan);
      int fn = sql.indexOf("CREATE FUNCTION `tick`");
      int ev = sql.indexOf("CREATE EVENT `tick`");
      assertTrue(fn >= 0 && ev > fn, "function created before the event that calls it:\n" + sql);
      s.apply(db.url(), plan, null);
      assertEquals(List.of("event tick", "function tick"), objects(db));

      Realm inspected = s.inspect(db.url());
      List<String> kinds =
          inspected.schemas().get(0).objects().stream()
              .map(o -> o.kind() + ":" + o.name())
              .sorted()
              .toList();
      assertEquals(List.of("event:tick", "function:tick"), kinds);
      String encoded = SchemaHclEncoder.encode(inspected, "mysql");
      assertTrue(encoded.contains("function \"tick\" {"), encoded);
      assertTrue(encoded.contains("event \"tick\" {"), encoded);

      Plan again = s.plan(s.inspect(db.url()), want);
      assertTrue(again.isEmpty(), PlanText.sql(again));

      Path fnOnly = Files.writeString(tmp.resolve("fn.hcl"), hcl(db.name(), false));
      Plan drop = s.plan(s.inspect(db.url()), s.load("file://" + fnOnly));
      String dropSql = PlanText.sql(drop);
      assertTrue(dropSql.contains("DROP EVENT `tick`"), dropSql);
      assertFalse(dropSql.contains("FUNCTION"), dropSql);
      s.apply(db.url(), drop, null);
      assertEquals(List.of("function tick"), objects(db));
      try (Connection c = db.open();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT `tick`(41)")) {
        assertTrue(rs.next());
        assertEquals(42, rs.getInt(1));
      }
      for (SchemaObject o : s.inspect(db.url()).schemas().get(0).objects()) {
        assertEquals("function", o.kind(), o.toString());
      }
    }
  }
}
