package dev.strata.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.InputException;
import dev.strata.Strata;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the local MariaDB, which has no {@code CHECK ... NOT ENFORCED}: a desired schema with {@code
 * enforced = false} is refused with the table and check named when it is loaded (HCL is planned
 * onto a dev database on the same server), before anything runs on the target; the same schema with
 * the check enforced applies and the check rejects a bad row.
 */
class MysqlNotEnforcedCheckTest {
  @TempDir Path tmp;

  private static String hcl(String db, boolean enforced) {
    return "schema \""
        + db
        + "\" {}\n"
        + "table \"orders\" {\n  schema = schema."
        + db
        + "\n  column \"qty\" {\n    type = int\n  }\n"
        + "  check \"qty_positive\" {\n    expr = \"qty > 0\"\n"
        + (enforced ? "" : "    enforced = false\n")
        + "  }\n}\n";
  }

  @Test
  void mariadbRefusesNotEnforcedAndAppliesEnforced() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      Strata s = MysqlApplyTest.strata(db);
      Path off = Files.writeString(tmp.resolve("off.hcl"), hcl(db.name(), false));
      Realm current = s.inspect(db.url());
      // loading HCL applies it to a dev database on the same server: refused there already
      InputException e = assertThrows(InputException.class, () -> s.load("file://" + off));
      assertTrue(
          e.getMessage()
              .matches(
                  "table orders: check qty_positive has enforced = false, but mariadb \\S+ does"
                      + " not support CHECK \\.\\.\\. NOT ENFORCED \\(MySQL 8\\.0\\.16\\+ only\\);"
                      + " remove enforced = false or the check"),
          e.getMessage());

      assertTrue(s.inspect(db.url()).schemas().get(0).tables().isEmpty());
      Path on = Files.writeString(tmp.resolve("on.hcl"), hcl(db.name(), true));
      Realm wantOn = s.load("file://" + on);
      Plan plan = s.plan(current, wantOn);
      s.apply(db.url(), plan, null);
      assertTrue(s.plan(s.inspect(db.url()), wantOn).isEmpty(), PlanText.sql(plan));
      try (Connection c = db.open();
          Statement st = c.createStatement()) {
        st.execute("INSERT INTO orders VALUES (1)");
        assertThrows(
            java.sql.SQLException.class, () -> st.execute("INSERT INTO orders VALUES (0)"));
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM orders")) {
          assertTrue(rs.next());
          assertEquals(1, rs.getInt(1));
        }
      }
    }
  }
}
