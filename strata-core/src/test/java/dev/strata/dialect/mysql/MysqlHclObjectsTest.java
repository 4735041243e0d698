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
