package dev.strata.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.dialect.InspectOptions;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Inspection is bulk: the number of statements the inspector sends does not grow with the number of
 * tables or schemas (each catalog query covers every schema in scope). Counted on a connection
 * proxy, for a database with one table and for one with 3 schemas of 40 tables, each with indexes,
 * a foreign key, a check, a trigger, a policy and a view.
 */
class PostgresBulkInspectionTest {
  /** Inspects {@code db} on a connection that counts the statements prepared or created on it. */
  private static int statements(PgTestDatabase db, List<String> schemas, Realm[] out)
      throws Exception {
    AtomicInteger count = new AtomicInteger();
    try (Connection real = db.connect()) {
      Connection counting =
          (Connection)
              Proxy.newProxyInstance(
                  Connection.class.getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")
                        || method.getName().equals("createStatement")
                        || method.getName().equals("prepareCall")) {
                      count.incrementAndGet();
                    }
                    try {
                      return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
      out[0] = PgTestDatabase.DIALECT.inspect(counting, new InspectOptions(schemas, List.of()));
    }
    return count.get();
  }

  private static String schema(String s, int tables) {
    StringBuilder sb = new StringBuilder("CREATE SCHEMA " + s + ";\n");
    sb.append("CREATE FUNCTION ")
        .append(s)
        .append(".touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;\n");
    sb.append("CREATE TYPE ").append(s).append(".mood AS ENUM ('a', 'b');\n");
    for (int i = 0; i < tables; i++) {
      String t = s + ".t" + i;
      sb.append("CREATE TABLE ")
          .append(t)
          .append(" (id int PRIMARY KEY, ref int")
          .append(i == 0 ? "" : " REFERENCES " + s + ".t" + (i - 1) + " (id)")
          .append(", name varchar(20) UNIQUE, n numeric(8,2) DEFAULT 0 CHECK (n >= 0),")
          .append(" m ")
          .append(s)
          .append(".mood, created timestamptz DEFAULT now());\n");
      sb.append("CREATE INDEX t").append(i).append("_c ON ").append(t).append(" (created DESC);\n");
      sb.append("COMMENT ON TABLE ").append(t).append(" IS 'table ").append(i).append("';\n");
      sb.append("CREATE TRIGGER tr BEFORE UPDATE ON ")
          .append(t)
          .append(" FOR EACH ROW EXECUTE FUNCTION ")
          .append(s)
          .append(".touch();\n");
      sb.append("CREATE POLICY p ON ").append(t).append(" USING (n > 0);\n");
      sb.append("CREATE VIEW ")
          .append(s)
          .append(".v")
          .append(i)
          .append(" AS SELECT id, name FROM ")
          .append(t)
          .append(";\n");
    }
    return sb.toString();
  }

  @Test
  void statementCountDoesNotGrowWithTablesOrSchemas() throws Exception {
    try (PgTestDatabase small = PgTestDatabase.create();
        PgTestDatabase large = PgTestDatabase.create()) {
      small.exec(schema("a", 1));
      large.exec(schema("a", 40) + schema("b", 40) + schema("c", 40));
      Realm[] r = new Realm[1];
      int one = statements(small, List.of("a"), r);
      assertEquals(1, r[0].schemas().get(0).tables().size());
      int many = statements(large, List.of("a", "b", "c"), r);
      int tables = r[0].schemas().stream().mapToInt(s -> s.tables().size()).sum();
      assertEquals(120, tables);
      Schema b = r[0].schemas().stream().filter(s -> s.name().equals("b")).findFirst().get();
      assertEquals(40, b.views().size());
      assertEquals(40, b.triggers().size());
      assertEquals(one, many, "statements for 1 table vs 120 tables in 3 schemas");
      assertTrue(one < 40, "a fixed, small number of catalog statements: " + one);
    }
  }
}
