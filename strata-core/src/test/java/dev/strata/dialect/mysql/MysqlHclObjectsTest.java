package dev.strata.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.InputException;
import dev.strata.Strata;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.SchemaObject;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.schemahcl.SchemaHclDecoder;
import dev.strata.schemahcl.SchemaHclEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Functions, procedures, events and partitioned tables survive {@code schema inspect} to HCL and
 * back: the HCL that Strata writes for a MariaDB database applies to an empty database and the two
 * then diff empty.
 */
class MysqlHclObjectsTest {
  @TempDir Path tmp;

  @Test
  void inspectedHclAppliesToAnotherDatabaseAndConverges() throws Exception {
    try (MysqlTestDb src = MysqlTestDb.create();
        MysqlTestDb dst = MysqlTestDb.create()) {
      src.exec(
          "CREATE TABLE logs (id int NOT NULL, at date NOT NULL, PRIMARY KEY (id, at))"
              + " PARTITION BY RANGE (year(at)) (PARTITION p2020 VALUES LESS THAN (2021),"
              + " PARTITION pmax VALUES LESS THAN MAXVALUE)",
          "CREATE TABLE hashed (id int PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 3",
          "CREATE FUNCTION f_double(x int) RETURNS int DETERMINISTIC RETURN x * 2",
          "CREATE PROCEDURE p_hello(IN who varchar(20)) SELECT CONCAT('hello ', who)",
          "CREATE EVENT ev_clean ON SCHEDULE EVERY 1 DAY DO DELETE FROM logs WHERE id < 0",
          "CREATE TRIGGER trg BEFORE INSERT ON logs FOR EACH ROW SET NEW.id = ABS(NEW.id)");
      Strata s = MysqlApplyTest.strata(src);
      Realm inspected = s.inspect(src.url());
      String hcl = SchemaHclEncoder.encode(inspected, "mysql");
      assertTrue(hcl.contains("event \"ev_clean\" {"), hcl);
      assertTrue(hcl.contains("function \"f_double\" {"), hcl);
      assertTrue(hcl.contains("procedure \"p_hello\" {"), hcl);
      assertTrue(hcl.contains("partition {\n    as = \"PARTITION BY RANGE"), hcl);
      assertTrue(
          hcl.contains("as = \"PARTITION BY HASH (`id`)\nPARTITIONS 3\"")
              || hcl.contains("PARTITION BY HASH (`id`) PARTITIONS 3"),
          hcl);

      Realm decoded = SchemaHclDecoder.decodeSources(Map.of("x.hcl", hcl), Map.of(), "mysql");
      Schema d = decoded.schemas().get(0);
      SchemaObject.Routine ev =
          d.objects().stream()
              .map(SchemaObject.Routine.class::cast)
              .filter(r -> r.name().equals("ev_clean"))
              .findFirst()
              .orElseThrow();
      assertEquals("event", ev.attrs().get("kind"));
      assertEquals(3, d.objects().size(), "function, procedure and event decoded: " + d.objects());

      Path file = Files.writeString(tmp.resolve("s.hcl"), hcl.replace(src.name(), dst.name()));
      Strata t = MysqlApplyTest.strata(dst);
      Realm want = t.load("file://" + file);
      Plan plan = t.plan(t.inspect(dst.url()), want);
      String sql = PlanText.sql(plan);
      assertTrue(sql.contains("CREATE EVENT `ev_clean`"), sql);
      assertTrue(sql.contains("PARTITION BY RANGE"), sql);
      t.apply(dst.url(), plan, null);
      Plan again = t.plan(t.inspect(dst.url()), want);
      assertTrue(again.isEmpty(), PlanText.sql(again));
      Realm copied = t.inspect(dst.url());
      String copiedHcl = SchemaHclEncoder.encode(copied, "mysql").replace(dst.name(), src.name());
      assertEquals(hcl, copiedHcl);
    }
  }

  /** Atlas's documented structured form (arg, return, deterministic, data_access, comment). */
  private static String structured(String db) {
    String sc = "  schema = schema." + db + "\n";
    return "schema \""
        + db
        + "\" {}\n"
        + "table \"t1\" {\n"
        + sc
        + "  column \"v\" {\n    type = double\n  }\n}\n"
        + "function \"add2\" {\n"
        + sc
        + "  arg \"a\" {\n    type = int\n  }\n  arg \"b\" {\n    type = int\n  }\n"
        + "  return        = int\n  as            = \"return a + b\"\n"
        + "  deterministic = true\n  data_access   = NO_SQL\n}\n"
        + "function \"f1\" {\n"
        + sc
        + "  arg \"x\" {\n    type = int\n  }\n  return = int\n"
        + "  as     = <<-SQL\n   BEGIN\n      INSERT INTO t1 VALUES (RAND(x));\n"
        + "      RETURN x+2;\n   END\n  SQL\n}\n"
        + "procedure \"p1\" {\n"
        + sc
        + "  arg \"x\" {\n    type = varchar(10)\n  }\n"
        + "  as            = \"INSERT INTO t1 VALUES(x)\"\n"
        + "  comment       = \"A procedure's comment\"\n  deterministic = true\n}\n"
        + "procedure \"p2\" {\n"
        + sc
        + "  arg \"x\" {\n    type    = char(10)\n    mode    = INOUT\n"
        + "    charset = \"latin1\"\n  }\n"
        + "  arg \"y\" {\n    type = char(10)\n    mode = OUT\n  }\n"
        + "  as = <<-SQL\n   BEGIN\n    SET y = CONCAT(x, '!');\n    SET x = 'seen';\n   END\n  SQL\n}\n"
        + "procedure \"p7\" {\n"
        + sc
        + "  as = \"DELETE FROM t1\"\n}\n";
  }

  @Test
  void atlasStructuredRoutinesApplyAndConverge() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      Strata s = MysqlApplyTest.strata(db);
      Path file = Files.writeString(tmp.resolve("atlas.hcl"), structured(db.name()));
      Realm want = s.load("file://" + file);
      Plan plan = s.plan(s.inspect(db.url()), want);
      String sql = PlanText.sql(plan);
      assertTrue(
          sql.contains("CREATE FUNCTION `add2`(`a` int(11), `b` int(11)) RETURNS int(11)"), sql);
      assertTrue(sql.contains("CREATE PROCEDURE `p2`(INOUT `x` char(10)"), sql);
      s.apply(db.url(), plan, null);
      try (java.sql.Connection c = db.open();
          java.sql.Statement st = c.createStatement()) {
        try (java.sql.ResultSet rs = st.executeQuery("SELECT add2(2, 3), f1(1)")) {
          assertTrue(rs.next());
          assertEquals(5, rs.getInt(1));
          assertEquals(3, rs.getInt(2));
        }
        st.execute("CALL p7()");
        try (java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t1")) {
          assertTrue(rs.next());
          assertEquals(0, rs.getInt(1), "p7 (body only, no arguments) emptied t1");
        }
        st.execute("SET @x = 'hi'");
        st.execute("CALL p2(@x, @y)");
        try (java.sql.ResultSet rs = st.executeQuery("SELECT @x, @y")) {
          assertTrue(rs.next());
          assertEquals("seen", rs.getString(1));
          assertEquals("hi!", rs.getString(2));
        }
        try (java.sql.ResultSet rs =
            st.executeQuery(
                "SELECT ROUTINE_NAME, IS_DETERMINISTIC, SQL_DATA_ACCESS, ROUTINE_COMMENT FROM"
                    + " information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()"
                    + " ORDER BY 1")) {
          List<String> rows = new java.util.ArrayList<>();
          while (rs.next()) {
            rows.add(
                rs.getString(1)
                    + " "
                    + rs.getString(2)
                    + " "
                    + rs.getString(3)
                    + " "
                    + rs.getString(4));
          }
          assertEquals(
              List.of(
                  "add2 YES NO SQL ",
                  "f1 NO CONTAINS SQL ",
                  "p1 YES CONTAINS SQL A procedure's comment",
                  "p2 NO CONTAINS SQL ",
                  "p7 NO CONTAINS SQL "),
              rows);
        }
      }
      Plan again = s.plan(s.inspect(db.url()), want);
      assertTrue(again.isEmpty(), PlanText.sql(again));
    }
  }

  @Test
  void structuredRoutineErrorsNameTheBlock() {
    String head = "schema \"app\" {}\n";
    java.util.function.Function<String, String> error =
        body ->
            assertThrows(
                    InputException.class,
                    () ->
                        SchemaHclDecoder.decodeSources(
                            Map.of("x.hcl", head + body), Map.of(), "mysql"))
                .getMessage();
    String m =
        error.apply(
            "function \"f\" {\n  schema = schema.app\n  arg \"a\" {\n    type = int\n  }\n"
                + "  as = \"return a\"\n}\n");
    assertTrue(m.contains("function \"f\": missing return"), m);
    m =
        error.apply(
            "procedure \"p\" {\n  schema = schema.app\n  return = int\n  as = \"SELECT 1\"\n}\n");
    assertTrue(m.contains("a procedure has no return type"), m);
    m =
        error.apply(
            "function \"f\" {\n  schema = schema.app\n  arg \"a\" {\n    type = int\n"
                + "    mode = OUT\n  }\n  return = int\n  as = \"return 1\"\n}\n");
    assertTrue(m.contains("arg a: function arguments have no mode"), m);
    m =
        error.apply(
            "function \"f\" {\n  schema = schema.app\n  return = int\n"
                + "  data_access = SOME_SQL\n  as = \"return 1\"\n}\n");
    assertTrue(
        m.contains(
            "data_access must be NO_SQL, CONTAINS_SQL, READS_SQL_DATA or MODIFIES_SQL_DATA, not"
                + " SOME_SQL"),
        m);
    m =
        error.apply(
            "function \"f\" {\n  schema = schema.app\n  return = int\n"
                + "  as = \"CREATE FUNCTION f() RETURNS int RETURN 1\"\n}\n");
    assertTrue(m.contains("belong to the structured form, where as is the body"), m);
  }

  @Test
  void routineBlocksMustCreateWhatTheyName() {
    String head = "schema \"app\" {}\n";
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                SchemaHclDecoder.decodeSources(
                    Map.of(
                        "x.hcl",
                        head
                            + "event \"nightly\" {\n  schema = schema.app\n"
                            + "  as = \"CREATE EVENT other ON SCHEDULE EVERY 1 DAY DO SELECT 1\"\n"
                            + "}\n"),
                    Map.of(),
                    "mysql"));
    assertTrue(
        e.getMessage().contains("as creates event \"other\", not event \"nightly\""),
        e.getMessage());
    e =
        assertThrows(
            InputException.class,
            () ->
                SchemaHclDecoder.decodeSources(
                    Map.of(
                        "x.hcl",
                        head + "function \"f\" {\n  schema = schema.app\n  as = \"return 1\"\n}\n"),
                    Map.of(),
                    "mysql"));
    assertTrue(
        e.getMessage().contains("as must be the complete CREATE FUNCTION statement"),
        e.getMessage());
    e =
        assertThrows(
            InputException.class,
            () ->
                SchemaHclDecoder.decodeSources(
                    Map.of(
                        "x.hcl",
                        head
                            + "table \"t\" {\n  schema = schema.app\n"
                            + "  column \"id\" {\n    type = int\n  }\n"
                            + "  partition {\n    as = \"HASH (id)\"\n  }\n}\n"),
                    Map.of(),
                    "mysql"));
    assertTrue(
        e.getMessage().contains("partition: as must be the table's PARTITION BY clause"),
        e.getMessage());
  }
}
