package dev.strata.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.InputException;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.InspectOptions;
import dev.strata.model.Schema;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/**
 * The default dev database: a temporary {@code strata_dev_<random>} on the target's server with the
 * target's charset and collation, inspected under the target's name, dropped on close; a {@code
 * --dev-url} database must be empty.
 */
class MysqlDevDatabaseTest {
  private static long databases(String name) throws Exception {
    try (Connection c = MysqlTestDb.admin();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '"
                        + name
                        + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void temporaryDatabaseFollowsTheTargetAndIsDropped() throws Exception {
    try (MysqlTestDb target = MysqlTestDb.create()) {
      target.exec(
          "ALTER DATABASE `" + target.name() + "` CHARACTER SET latin1 COLLATE latin1_swedish_ci");
      String devName;
      try (MysqlDevDatabase dev = MysqlDevDatabase.open(target.url(), null)) {
        Connection c = dev.connection();
        devName = c.getCatalog();
        assertTrue(devName.startsWith("strata_dev_"), devName);
        assertEquals(1, databases(devName));
        c.createStatement().execute("CREATE TABLE t (id int PRIMARY KEY, s varchar(10))");
        Schema s = new MysqlDialect().inspect(c, InspectOptions.ALL).schemas().get(0);
        assertEquals(target.name(), s.name(), "inspected under the target's name");
        assertEquals("latin1", s.attrs().get("charset"));
        assertEquals("latin1_swedish_ci", s.attrs().get("collate"));
        assertTrue(s.table("t").isPresent());
      }
      assertEquals(0, databases(devName), "dropped on close");
    }
  }

  @Test
  void aDevUrlDatabaseMustBeEmpty() throws Exception {
    try (MysqlTestDb target = MysqlTestDb.create();
        MysqlTestDb devDb = MysqlTestDb.create()) {
      devDb.exec("CREATE TABLE leftover (id int)");
      InputException e =
          assertThrows(
              InputException.class, () -> MysqlDevDatabase.open(target.url(), devDb.url()));
      assertTrue(e.getMessage().contains("is not empty"), e.getMessage());
      assertEquals(1, databases(devDb.name()), "a given dev database is never dropped");
      devDb.exec("DROP TABLE leftover");
      try (MysqlDevDatabase dev = MysqlDevDatabase.open(target.url(), devDb.url())) {
        assertEquals(devDb.name(), dev.connection().getCatalog());
      }
      assertEquals(1, databases(devDb.name()));
    }
  }

  @Test
  void errorsMaskThePassword() {
    DbUrl bad = DbUrl.parse("mysql://root:s3cret@127.0.0.1:1/x");
    Exception e = assertThrows(Exception.class, () -> MysqlDevDatabase.open(bad, null));
    assertTrue(!e.getMessage().contains("s3cret"), e.getMessage());
  }
}
