package dev.strata.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.source.LoadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column type change forces views over the column to be dropped and re-created; what hangs off
 * those views (INSTEAD OF triggers, indexes of materialized views, comments, dependent views) must
 * come back with them, and the materialized view's rows must be there again.
 */
class PostgresViewDependentsTest {
  @TempDir Path tmp;

  private static final String SCHEMA =
      """
      CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL);
      CREATE VIEW v AS SELECT id, n FROM t;
      COMMENT ON VIEW v IS 'the view';
      CREATE VIEW v2 AS SELECT id FROM v WHERE n > 0;
      CREATE FUNCTION v_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO t VALUES (NEW.id, NEW.n); RETURN NEW; END $$;
      CREATE TRIGGER v_ins INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION v_insert();
      CREATE MATERIALIZED VIEW mv AS SELECT id, n FROM t;
      CREATE UNIQUE INDEX mv_id ON mv (id);
      COMMENT ON MATERIALIZED VIEW mv IS 'totals';
      """;

  private Plan migrate(PgTestDatabase db, String sql) throws Exception {
    Strata s = new Strata(new LoadContext(PgTestDatabase.DIALECT, db.url(), null, Map.of(), null));
    Path f = Files.createTempFile(tmp, "schema", ".sql");
    Files.writeString(f, sql);
    Realm desired = s.load("file://" + f);
    Plan plan = s.plan(s.inspect(db.url()), desired);
    s.apply(db.url(), plan, null);
    Plan again = s.plan(s.inspect(db.url()), desired);
    assertEquals("", PlanText.sql(again), "second plan after:\n" + PlanText.sql(plan));
    return plan;
  }

  private static List<String> strings(Connection c, String query) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void dependentsOfRecreatedViewsSurvive() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      Plan first = migrate(db, SCHEMA);
      assertTrue(
          PlanText.sql(first).contains("CREATE UNIQUE INDEX mv_id ON public.mv USING btree (id);"),
          PlanText.sql(first));
      db.exec("INSERT INTO v VALUES (1, 10), (2, 20)");
      db.exec("REFRESH MATERIALIZED VIEW mv");

      Plan plan = migrate(db, SCHEMA.replace("n int NOT NULL", "n bigint NOT NULL"));
      String sql = PlanText.sql(plan);
      assertTrue(sql.contains("DROP MATERIALIZED VIEW public.mv;"), sql);
      assertTrue(sql.contains("CREATE TRIGGER v_ins INSTEAD OF INSERT ON public.v"), sql);
      assertTrue(sql.indexOf("CREATE VIEW public.v AS") < sql.indexOf("CREATE TRIGGER v_ins"), sql);

      try (Connection c = db.connect()) {
        assertEquals(
            List.of("v_ins"),
            strings(
                c,
                "SELECT tgname FROM pg_trigger t JOIN pg_class"
                    + " c ON c.oid = t.tgrelid WHERE c.relname = 'v'"));
        assertEquals(
            List.of("mv_id"),
            strings(c, "SELECT indexname FROM pg_indexes WHERE" + " tablename = 'mv'"));
        assertEquals(
            List.of("the view", "totals"),
            strings(
                c,
                "SELECT obj_description(oid, 'pg_class') FROM pg_class WHERE relname IN"
                    + " ('v', 'mv') ORDER BY relname DESC"));
        assertEquals(
            List.of("v2"), strings(c, "SELECT viewname FROM pg_views WHERE viewname = 'v2'"));
        assertEquals(
            List.of("bigint"),
            strings(
                c,
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE"
                    + " attrelid = 'mv'::regclass AND attname = 'n'"));
        // the trigger works again, and the materialized view was filled when re-created
        try (Statement st = c.createStatement()) {
          st.execute("INSERT INTO v VALUES (3, 30)");
          assertEquals(List.of("1", "2"), strings(c, "SELECT id FROM mv ORDER BY id"));
          // CONCURRENTLY needs the unique index
          st.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY mv");
        }
        assertEquals(List.of("1", "2", "3"), strings(c, "SELECT id FROM mv ORDER BY id"));
      }
    }
  }

  @Test
  void indexChangesKeepTheMaterializedView() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      migrate(db, SCHEMA);
      Plan plan =
          migrate(
              db,
              SCHEMA.replace(
                  "CREATE UNIQUE INDEX mv_id ON mv (id);", "CREATE INDEX mv_n ON mv (n DESC);"));
      assertEquals(
          "-- drop index mv_id of mv\n"
              + "DROP INDEX public.mv_id;\n"
              + "-- add index mv_n to mv\n"
              + "CREATE INDEX mv_n ON public.mv USING btree (n DESC);\n",
          PlanText.sql(plan));
      assertEquals(
          "DROP INDEX public.mv_n;\nCREATE UNIQUE INDEX mv_id ON public.mv USING btree (id);\n",
          PlanText.reverse(plan));
      assertFalse(PlanText.sql(plan).contains("MATERIALIZED VIEW"));
    }
  }
}
