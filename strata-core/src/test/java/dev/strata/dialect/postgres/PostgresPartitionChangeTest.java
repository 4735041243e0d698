package dev.strata.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.source.LoadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changes to how a table is partitioned: bounds move with rows kept; key changes are refused. */
class PostgresPartitionChangeTest {
  @TempDir Path tmp;

  private static final String PARENT =
      "CREATE TABLE m (id int NOT NULL, kind text NOT NULL) PARTITION BY RANGE (id);";

  private Strata strata(PgTestDatabase db) {
    return new Strata(new LoadContext(PgTestDatabase.DIALECT, db.url(), null, Map.of(), null));
  }

  private Realm load(Strata s, String sql) throws Exception {
    Path f = Files.createTempFile(tmp, "schema", ".sql");
    Files.writeString(f, sql);
    return s.load("file://" + f);
  }

  private Plan migrate(PgTestDatabase db, String sql) throws Exception {
    Strata s = strata(db);
    Realm desired = load(s, sql);
    Plan plan = s.plan(s.inspect(db.url()), desired);
    s.apply(db.url(), plan, null);
    Plan again = s.plan(s.inspect(db.url()), desired);
    assertEquals("", PlanText.sql(again), "second plan after:\n" + PlanText.sql(plan));
    return plan;
  }

  private static long count(PgTestDatabase db, String query) throws Exception {
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void boundChangeDetachesAndAttachesKeepingRows() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      migrate(db, PARENT + "CREATE TABLE m_low PARTITION OF m FOR VALUES FROM (0) TO (10);");
      db.exec("INSERT INTO m SELECT g, 'x' FROM generate_series(0, 9) g");
      Plan plan =
          migrate(db, PARENT + "CREATE TABLE m_low PARTITION OF m FOR VALUES FROM (0) TO (100);");
      assertEquals(
          "-- detach partition m_low from public.m\n"
              + "ALTER TABLE public.m DETACH PARTITION public.m_low;\n"
              + "-- attach partition m_low to public.m FOR VALUES FROM (0) TO (100)\n"
              + "ALTER TABLE public.m ATTACH PARTITION public.m_low FOR VALUES FROM (0) TO (100);\n",
          PlanText.sql(plan));
      db.exec("INSERT INTO m VALUES (50, 'y')");
      assertEquals(11, count(db, "SELECT count(*) FROM m_low"));
    }
  }

  @Test
  void keyChangeIsRefusedWithBothKeysAndAWayOut() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      migrate(db, PARENT);
      Strata s = strata(db);
      Realm desired = load(s, PARENT.replace("RANGE (id)", "LIST (kind)"));
      Realm current = s.inspect(db.url());
      StrataException e = assertThrows(StrataException.class, () -> s.plan(current, desired));
      assertEquals(
          "postgres: table public.m is partitioned by RANGE (id) and the desired schema"
              + " partitions it by LIST (kind); PostgreSQL cannot change this in place, and Strata"
              + " does not rebuild a table implicitly. To keep the rows, migrate in steps: add a"
              + " new table with the desired partitioning (and its partitions) under another name,"
              + " copy the rows with INSERT INTO new SELECT * FROM public.m, then drop public.m"
              + " and rename the new table (renamed_from); or drop the table first if its rows"
              + " may be lost",
          e.getMessage());
      assertTrue(e.getMessage().contains("RANGE (id)"));
    }
  }
}
